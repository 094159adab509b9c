# Generated from forms/settings_dialog.ui by crmdesk.ui.build_forms. Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(560, 300)
        self.settingsLayout = QVBoxLayout(SettingsDialog)
        self.settingsLayout.setObjectName(u"settingsLayout")
        self.pages = QTabWidget(SettingsDialog)
        self.pages.setObjectName(u"pages")
        self.general_tab = QWidget()
        self.general_tab.setObjectName(u"general_tab")
        self.generalLayout = QVBoxLayout(self.general_tab)
        self.generalLayout.setObjectName(u"generalLayout")
        self.generalGrid = QGridLayout()
        self.generalGrid.setObjectName(u"generalGrid")
        self.shop_name_label = QLabel(self.general_tab)
        self.shop_name_label.setObjectName(u"shop_name_label")

        self.generalGrid.addWidget(self.shop_name_label, 0, 0, 1, 1)

        self.shop_name = QLineEdit(self.general_tab)
        self.shop_name.setObjectName(u"shop_name")
        self.shop_name.setMaxLength(100)

        self.generalGrid.addWidget(self.shop_name, 0, 1, 1, 1)

        self.branch_code_label = QLabel(self.general_tab)
        self.branch_code_label.setObjectName(u"branch_code_label")

        self.generalGrid.addWidget(self.branch_code_label, 1, 0, 1, 1)

        self.branch_code = QLineEdit(self.general_tab)
        self.branch_code.setObjectName(u"branch_code")
        self.branch_code.setMaxLength(20)

        self.generalGrid.addWidget(self.branch_code, 1, 1, 1, 1)

        self.database_path_label = QLabel(self.general_tab)
        self.database_path_label.setObjectName(u"database_path_label")

        self.generalGrid.addWidget(self.database_path_label, 2, 0, 1, 1)

        self.dbRow = QHBoxLayout()
        self.dbRow.setObjectName(u"dbRow")
        self.database_path = QLineEdit(self.general_tab)
        self.database_path.setObjectName(u"database_path")

        self.dbRow.addWidget(self.database_path)

        self.browse_button = QPushButton(self.general_tab)
        self.browse_button.setObjectName(u"browse_button")

        self.dbRow.addWidget(self.browse_button)


        self.generalGrid.addLayout(self.dbRow, 2, 1, 1, 1)

        self.language_label = QLabel(self.general_tab)
        self.language_label.setObjectName(u"language_label")

        self.generalGrid.addWidget(self.language_label, 3, 0, 1, 1)

        self.language = QComboBox(self.general_tab)
        self.language.addItem("")
        self.language.addItem("")
        self.language.addItem(u"English")
        self.language.setObjectName(u"language")

        self.generalGrid.addWidget(self.language, 3, 1, 1, 1)


        self.generalLayout.addLayout(self.generalGrid)

        self.restart_note = QLabel(self.general_tab)
        self.restart_note.setObjectName(u"restart_note")
        self.restart_note.setWordWrap(True)

        self.generalLayout.addWidget(self.restart_note)

        self.generalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.generalLayout.addItem(self.generalSpacer)

        self.pages.addTab(self.general_tab, "")

        self.settingsLayout.addWidget(self.pages)

        self.button_box = QDialogButtonBox(SettingsDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.settingsLayout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.shop_name_label.setBuddy(self.shop_name)
        self.branch_code_label.setBuddy(self.branch_code)
        self.database_path_label.setBuddy(self.database_path)
        self.language_label.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.pages, self.shop_name)
        QWidget.setTabOrder(self.shop_name, self.branch_code)
        QWidget.setTabOrder(self.branch_code, self.database_path)
        QWidget.setTabOrder(self.database_path, self.browse_button)
        QWidget.setTabOrder(self.browse_button, self.language)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"\u8a2d\u5b9a", None))
        self.shop_name_label.setText(QCoreApplication.translate("SettingsDialog", u"\u5e97\u8217\u540d", None))
        self.branch_code_label.setText(QCoreApplication.translate("SettingsDialog", u"\u5e97\u8217\u30b3\u30fc\u30c9", None))
        self.branch_code.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u4f8b: 01", None))
        self.database_path_label.setText(QCoreApplication.translate("SettingsDialog", u"\u30c7\u30fc\u30bf\u30d9\u30fc\u30b9", None))
        self.browse_button.setText(QCoreApplication.translate("SettingsDialog", u"\u53c2\u7167(&B)...", None))
        self.language_label.setText(QCoreApplication.translate("SettingsDialog", u"\u8868\u793a\u8a00\u8a9e", None))
        self.language.setItemText(0, QCoreApplication.translate("SettingsDialog", u"\u30b7\u30b9\u30c6\u30e0\u306e\u8a2d\u5b9a\u306b\u5f93\u3046", None))
        self.language.setItemText(1, QCoreApplication.translate("SettingsDialog", u"\u65e5\u672c\u8a9e", None))

        self.restart_note.setText(QCoreApplication.translate("SettingsDialog", u"\u8868\u793a\u8a00\u8a9e\u3068\u30c7\u30fc\u30bf\u30d9\u30fc\u30b9\u306e\u5909\u66f4\u306f\u6b21\u56de\u306e\u8d77\u52d5\u304b\u3089\u53cd\u6620\u3055\u308c\u307e\u3059\u3002", None))
        self.pages.setTabText(self.pages.indexOf(self.general_tab), QCoreApplication.translate("SettingsDialog", u"\u4e00\u822c", None))
    # retranslateUi
