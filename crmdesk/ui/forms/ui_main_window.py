# Generated from forms/main_window.ui by crmdesk.ui.build_forms. Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QMainWindow, QMenu,
    QMenuBar, QPushButton, QSizePolicy, QStatusBar,
    QTableView, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1100, 700)
        self.action_new_file = QAction(MainWindow)
        self.action_new_file.setObjectName(u"action_new_file")
#if QT_CONFIG(shortcut)
        self.action_new_file.setShortcut(u"Ctrl+Shift+N")
#endif // QT_CONFIG(shortcut)
        self.action_open_file = QAction(MainWindow)
        self.action_open_file.setObjectName(u"action_open_file")
#if QT_CONFIG(shortcut)
        self.action_open_file.setShortcut(u"Ctrl+O")
#endif // QT_CONFIG(shortcut)
        self.action_settings = QAction(MainWindow)
        self.action_settings.setObjectName(u"action_settings")
#if QT_CONFIG(shortcut)
        self.action_settings.setShortcut(u"Ctrl+,")
#endif // QT_CONFIG(shortcut)
        self.action_quit = QAction(MainWindow)
        self.action_quit.setObjectName(u"action_quit")
#if QT_CONFIG(shortcut)
        self.action_quit.setShortcut(u"Ctrl+Q")
#endif // QT_CONFIG(shortcut)
        self.action_find = QAction(MainWindow)
        self.action_find.setObjectName(u"action_find")
#if QT_CONFIG(shortcut)
        self.action_find.setShortcut(u"Ctrl+F")
#endif // QT_CONFIG(shortcut)
        self.action_new_customer = QAction(MainWindow)
        self.action_new_customer.setObjectName(u"action_new_customer")
#if QT_CONFIG(shortcut)
        self.action_new_customer.setShortcut(u"Ctrl+N")
#endif // QT_CONFIG(shortcut)
        self.action_open_customer = QAction(MainWindow)
        self.action_open_customer.setObjectName(u"action_open_customer")
#if QT_CONFIG(shortcut)
        self.action_open_customer.setShortcut(u"Ctrl+Return")
#endif // QT_CONFIG(shortcut)
        self.action_next_result = QAction(MainWindow)
        self.action_next_result.setObjectName(u"action_next_result")
#if QT_CONFIG(shortcut)
        self.action_next_result.setShortcut(u"F3")
#endif // QT_CONFIG(shortcut)
        self.action_previous_result = QAction(MainWindow)
        self.action_previous_result.setObjectName(u"action_previous_result")
#if QT_CONFIG(shortcut)
        self.action_previous_result.setShortcut(u"Shift+F3")
#endif // QT_CONFIG(shortcut)
        self.action_load_demo = QAction(MainWindow)
        self.action_load_demo.setObjectName(u"action_load_demo")
        self.action_shortcuts = QAction(MainWindow)
        self.action_shortcuts.setObjectName(u"action_shortcuts")
#if QT_CONFIG(shortcut)
        self.action_shortcuts.setShortcut(u"F1")
#endif // QT_CONFIG(shortcut)
        self.action_about = QAction(MainWindow)
        self.action_about.setObjectName(u"action_about")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.search_label = QLabel(self.centralwidget)
        self.search_label.setObjectName(u"search_label")

        self.searchRow.addWidget(self.search_label)

        self.search_edit = QLineEdit(self.centralwidget)
        self.search_edit.setObjectName(u"search_edit")

        self.searchRow.addWidget(self.search_edit)

        self.new_customer_button = QPushButton(self.centralwidget)
        self.new_customer_button.setObjectName(u"new_customer_button")
        self.new_customer_button.setFocusPolicy(Qt.TabFocus)

        self.searchRow.addWidget(self.new_customer_button)


        self.centralLayout.addLayout(self.searchRow)

        self.result_label = QLabel(self.centralwidget)
        self.result_label.setObjectName(u"result_label")

        self.centralLayout.addWidget(self.result_label)

        self.customer_table = QTableView(self.centralwidget)
        self.customer_table.setObjectName(u"customer_table")
        self.customer_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.customer_table.setAlternatingRowColors(True)
        self.customer_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.customer_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.customer_table.setSortingEnabled(True)
        self.customer_table.setWordWrap(False)
        self.customer_table.horizontalHeader().setStretchLastSection(True)
        self.customer_table.verticalHeader().setVisible(False)

        self.centralLayout.addWidget(self.customer_table)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menu_file = QMenu(self.menubar)
        self.menu_file.setObjectName(u"menu_file")
        self.menu_recent = QMenu(self.menu_file)
        self.menu_recent.setObjectName(u"menu_recent")
        self.menu_customer = QMenu(self.menubar)
        self.menu_customer.setObjectName(u"menu_customer")
        self.menu_tools = QMenu(self.menubar)
        self.menu_tools.setObjectName(u"menu_tools")
        self.menu_reports = QMenu(self.menubar)
        self.menu_reports.setObjectName(u"menu_reports")
        self.menu_help = QMenu(self.menubar)
        self.menu_help.setObjectName(u"menu_help")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.search_label.setBuddy(self.search_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.search_edit, self.customer_table)
        QWidget.setTabOrder(self.customer_table, self.new_customer_button)

        self.menubar.addAction(self.menu_file.menuAction())
        self.menubar.addAction(self.menu_customer.menuAction())
        self.menubar.addAction(self.menu_tools.menuAction())
        self.menubar.addAction(self.menu_reports.menuAction())
        self.menubar.addAction(self.menu_help.menuAction())
        self.menu_file.addAction(self.action_new_file)
        self.menu_file.addAction(self.action_open_file)
        self.menu_file.addAction(self.menu_recent.menuAction())
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_quit)
        self.menu_customer.addAction(self.action_find)
        self.menu_customer.addAction(self.action_new_customer)
        self.menu_customer.addAction(self.action_open_customer)
        self.menu_customer.addSeparator()
        self.menu_customer.addAction(self.action_next_result)
        self.menu_customer.addAction(self.action_previous_result)
        self.menu_tools.addAction(self.action_load_demo)
        self.menu_help.addAction(self.action_shortcuts)
        self.menu_help.addAction(self.action_about)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"crmdesk \u9867\u5ba2\u7ba1\u7406", None))
        self.action_new_file.setText(QCoreApplication.translate("MainWindow", u"\u65b0\u3057\u3044\u30d5\u30a1\u30a4\u30eb(&N)...", None))
        self.action_open_file.setText(QCoreApplication.translate("MainWindow", u"\u958b\u304f(&O)...", None))
        self.action_settings.setText(QCoreApplication.translate("MainWindow", u"\u8a2d\u5b9a(&S)...", None))
        self.action_quit.setText(QCoreApplication.translate("MainWindow", u"\u7d42\u4e86(&Q)", None))
        self.action_find.setText(QCoreApplication.translate("MainWindow", u"\u691c\u7d22(&F)", None))
        self.action_new_customer.setText(QCoreApplication.translate("MainWindow", u"\u65b0\u898f\u9867\u5ba2(&N)", None))
        self.action_open_customer.setText(QCoreApplication.translate("MainWindow", u"\u30ab\u30fc\u30c9\u3092\u958b\u304f(&O)", None))
        self.action_next_result.setText(QCoreApplication.translate("MainWindow", u"\u6b21\u306e\u7d50\u679c", None))
        self.action_previous_result.setText(QCoreApplication.translate("MainWindow", u"\u524d\u306e\u7d50\u679c", None))
        self.action_load_demo.setText(QCoreApplication.translate("MainWindow", u"\u30c7\u30e2\u30c7\u30fc\u30bf\u3092\u8aad\u307f\u8fbc\u3080(&D)...", None))
        self.action_shortcuts.setText(QCoreApplication.translate("MainWindow", u"\u30ad\u30fc\u30dc\u30fc\u30c9\u30b7\u30e7\u30fc\u30c8\u30ab\u30c3\u30c8(&K)", None))
        self.action_about.setText(QCoreApplication.translate("MainWindow", u"crmdesk\u306b\u3064\u3044\u3066(&A)", None))
        self.search_label.setText(QCoreApplication.translate("MainWindow", u"\u691c\u7d22(&F):", None))
        self.search_edit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"\u540d\u524d\u30fb\u3075\u308a\u304c\u306a\u30fb\u96fb\u8a71\u756a\u53f7\u30fb\u9867\u5ba2\u756a\u53f7\u30fb\u30ab\u30fc\u30c9\u756a\u53f7\u30fb\u30e1\u30fc\u30eb", None))
        self.new_customer_button.setText(QCoreApplication.translate("MainWindow", u"\u65b0\u898f\u9867\u5ba2 (Ctrl+N)", None))
        self.result_label.setText("")
        self.menu_file.setTitle(QCoreApplication.translate("MainWindow", u"\u30d5\u30a1\u30a4\u30eb(&F)", None))
        self.menu_recent.setTitle(QCoreApplication.translate("MainWindow", u"\u6700\u8fd1\u4f7f\u3063\u305f\u30d5\u30a1\u30a4\u30eb(&R)", None))
        self.menu_customer.setTitle(QCoreApplication.translate("MainWindow", u"\u9867\u5ba2(&C)", None))
        self.menu_tools.setTitle(QCoreApplication.translate("MainWindow", u"\u30c4\u30fc\u30eb(&T)", None))
        self.menu_reports.setTitle(QCoreApplication.translate("MainWindow", u"\u30ec\u30dd\u30fc\u30c8(&R)", None))
        self.menu_help.setTitle(QCoreApplication.translate("MainWindow", u"\u30d8\u30eb\u30d7(&H)", None))
    # retranslateUi
