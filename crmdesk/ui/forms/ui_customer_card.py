# Generated from forms/customer_card.ui by crmdesk.ui.build_forms. Do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customer_card.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog,
    QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_CustomerCard(object):
    def setupUi(self, CustomerCard):
        if not CustomerCard.objectName():
            CustomerCard.setObjectName(u"CustomerCard")
        CustomerCard.resize(1000, 740)
        self.cardLayout = QVBoxLayout(CustomerCard)
        self.cardLayout.setObjectName(u"cardLayout")
        self.header = QFrame(CustomerCard)
        self.header.setObjectName(u"header")
        self.header.setFrameShape(QFrame.StyledPanel)
        self.headerLayout = QHBoxLayout(self.header)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLeft = QVBoxLayout()
        self.headerLeft.setObjectName(u"headerLeft")
        self.header_name = QLabel(self.header)
        self.header_name.setObjectName(u"header_name")
        self.header_name.setStyleSheet(u"font-size: 18pt; font-weight: bold;")

        self.headerLeft.addWidget(self.header_name)

        self.header_details = QLabel(self.header)
        self.header_details.setObjectName(u"header_details")

        self.headerLeft.addWidget(self.header_details)


        self.headerLayout.addLayout(self.headerLeft)

        self.header_figures = QLabel(self.header)
        self.header_figures.setObjectName(u"header_figures")
        self.header_figures.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.headerLayout.addWidget(self.header_figures)


        self.cardLayout.addWidget(self.header)

        self.duplicates_frame = QFrame(CustomerCard)
        self.duplicates_frame.setObjectName(u"duplicates_frame")
        self.duplicates_frame.setFrameShape(QFrame.StyledPanel)
        self.duplicates_frame.setStyleSheet(u"QFrame#duplicates_frame { background: #fff4e5; }")
        self.duplicatesLayout = QVBoxLayout(self.duplicates_frame)
        self.duplicatesLayout.setObjectName(u"duplicatesLayout")
        self.duplicates_label = QLabel(self.duplicates_frame)
        self.duplicates_label.setObjectName(u"duplicates_label")
        self.duplicates_label.setWordWrap(True)

        self.duplicatesLayout.addWidget(self.duplicates_label)

        self.duplicates_list = QListWidget(self.duplicates_frame)
        self.duplicates_list.setObjectName(u"duplicates_list")
        self.duplicates_list.setMaximumSize(QSize(16777215, 70))

        self.duplicatesLayout.addWidget(self.duplicates_list)

        self.duplicatesButtons = QHBoxLayout()
        self.duplicatesButtons.setObjectName(u"duplicatesButtons")
        self.open_duplicate_button = QPushButton(self.duplicates_frame)
        self.open_duplicate_button.setObjectName(u"open_duplicate_button")

        self.duplicatesButtons.addWidget(self.open_duplicate_button)

        self.save_anyway_button = QPushButton(self.duplicates_frame)
        self.save_anyway_button.setObjectName(u"save_anyway_button")

        self.duplicatesButtons.addWidget(self.save_anyway_button)

        self.dupSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.duplicatesButtons.addItem(self.dupSpacer)


        self.duplicatesLayout.addLayout(self.duplicatesButtons)


        self.cardLayout.addWidget(self.duplicates_frame)

        self.formsRow = QHBoxLayout()
        self.formsRow.setObjectName(u"formsRow")
        self.basicGroup = QGroupBox(CustomerCard)
        self.basicGroup.setObjectName(u"basicGroup")
        self.basicGrid = QGridLayout(self.basicGroup)
        self.basicGrid.setObjectName(u"basicGrid")
        self.customer_number_label = QLabel(self.basicGroup)
        self.customer_number_label.setObjectName(u"customer_number_label")

        self.basicGrid.addWidget(self.customer_number_label, 0, 0, 1, 1)

        self.customer_number = QLineEdit(self.basicGroup)
        self.customer_number.setObjectName(u"customer_number")
        self.customer_number.setMaxLength(20)

        self.basicGrid.addWidget(self.customer_number, 0, 1, 1, 3)

        self.customer_number_error = QLabel(self.basicGroup)
        self.customer_number_error.setObjectName(u"customer_number_error")
        self.customer_number_error.setStyleSheet(u"color: #b00020;")
        self.customer_number_error.setWordWrap(True)
        self.customer_number_error.setVisible(False)

        self.basicGrid.addWidget(self.customer_number_error, 1, 1, 1, 3)

        self.family_name_label = QLabel(self.basicGroup)
        self.family_name_label.setObjectName(u"family_name_label")

        self.basicGrid.addWidget(self.family_name_label, 2, 0, 1, 1)

        self.nameRow = QHBoxLayout()
        self.nameRow.setObjectName(u"nameRow")
        self.family_name = QLineEdit(self.basicGroup)
        self.family_name.setObjectName(u"family_name")
        self.family_name.setMaxLength(60)

        self.nameRow.addWidget(self.family_name)

        self.given_name = QLineEdit(self.basicGroup)
        self.given_name.setObjectName(u"given_name")
        self.given_name.setMaxLength(60)

        self.nameRow.addWidget(self.given_name)


        self.basicGrid.addLayout(self.nameRow, 2, 1, 1, 3)

        self.family_name_error = QLabel(self.basicGroup)
        self.family_name_error.setObjectName(u"family_name_error")
        self.family_name_error.setStyleSheet(u"color: #b00020;")
        self.family_name_error.setWordWrap(True)
        self.family_name_error.setVisible(False)

        self.basicGrid.addWidget(self.family_name_error, 3, 1, 1, 3)

        self.given_name_error = QLabel(self.basicGroup)
        self.given_name_error.setObjectName(u"given_name_error")
        self.given_name_error.setStyleSheet(u"color: #b00020;")
        self.given_name_error.setWordWrap(True)
        self.given_name_error.setVisible(False)

        self.basicGrid.addWidget(self.given_name_error, 4, 1, 1, 3)

        self.family_kana_label = QLabel(self.basicGroup)
        self.family_kana_label.setObjectName(u"family_kana_label")

        self.basicGrid.addWidget(self.family_kana_label, 5, 0, 1, 1)

        self.kanaRow = QHBoxLayout()
        self.kanaRow.setObjectName(u"kanaRow")
        self.family_kana = QLineEdit(self.basicGroup)
        self.family_kana.setObjectName(u"family_kana")
        self.family_kana.setMaxLength(60)

        self.kanaRow.addWidget(self.family_kana)

        self.given_kana = QLineEdit(self.basicGroup)
        self.given_kana.setObjectName(u"given_kana")
        self.given_kana.setMaxLength(60)

        self.kanaRow.addWidget(self.given_kana)


        self.basicGrid.addLayout(self.kanaRow, 5, 1, 1, 3)

        self.family_kana_error = QLabel(self.basicGroup)
        self.family_kana_error.setObjectName(u"family_kana_error")
        self.family_kana_error.setStyleSheet(u"color: #b00020;")
        self.family_kana_error.setWordWrap(True)
        self.family_kana_error.setVisible(False)

        self.basicGrid.addWidget(self.family_kana_error, 6, 1, 1, 3)

        self.given_kana_error = QLabel(self.basicGroup)
        self.given_kana_error.setObjectName(u"given_kana_error")
        self.given_kana_error.setStyleSheet(u"color: #b00020;")
        self.given_kana_error.setWordWrap(True)
        self.given_kana_error.setVisible(False)

        self.basicGrid.addWidget(self.given_kana_error, 7, 1, 1, 3)

        self.gender_label = QLabel(self.basicGroup)
        self.gender_label.setObjectName(u"gender_label")

        self.basicGrid.addWidget(self.gender_label, 8, 0, 1, 1)

        self.gender = QComboBox(self.basicGroup)
        self.gender.addItem("")
        self.gender.addItem("")
        self.gender.addItem("")
        self.gender.addItem("")
        self.gender.setObjectName(u"gender")

        self.basicGrid.addWidget(self.gender, 8, 1, 1, 1)

        self.gender_error = QLabel(self.basicGroup)
        self.gender_error.setObjectName(u"gender_error")
        self.gender_error.setStyleSheet(u"color: #b00020;")
        self.gender_error.setWordWrap(True)
        self.gender_error.setVisible(False)

        self.basicGrid.addWidget(self.gender_error, 9, 1, 1, 1)

        self.birthday_label = QLabel(self.basicGroup)
        self.birthday_label.setObjectName(u"birthday_label")

        self.basicGrid.addWidget(self.birthday_label, 10, 0, 1, 1)

        self.birthdayRow = QHBoxLayout()
        self.birthdayRow.setObjectName(u"birthdayRow")
        self.birthday = QLineEdit(self.basicGroup)
        self.birthday.setObjectName(u"birthday")
        self.birthday.setPlaceholderText(u"1985-04-01 / S60.4.1")

        self.birthdayRow.addWidget(self.birthday)

        self.birthday_info = QLabel(self.basicGroup)
        self.birthday_info.setObjectName(u"birthday_info")

        self.birthdayRow.addWidget(self.birthday_info)


        self.basicGrid.addLayout(self.birthdayRow, 10, 1, 1, 3)

        self.birthday_error = QLabel(self.basicGroup)
        self.birthday_error.setObjectName(u"birthday_error")
        self.birthday_error.setStyleSheet(u"color: #b00020;")
        self.birthday_error.setWordWrap(True)
        self.birthday_error.setVisible(False)

        self.basicGrid.addWidget(self.birthday_error, 11, 1, 1, 3)

        self.first_visit_label = QLabel(self.basicGroup)
        self.first_visit_label.setObjectName(u"first_visit_label")

        self.basicGrid.addWidget(self.first_visit_label, 8, 2, 1, 1)

        self.first_visit = QLineEdit(self.basicGroup)
        self.first_visit.setObjectName(u"first_visit")
        self.first_visit.setPlaceholderText(u"2026-11-22")

        self.basicGrid.addWidget(self.first_visit, 8, 3, 1, 1)

        self.first_visit_error = QLabel(self.basicGroup)
        self.first_visit_error.setObjectName(u"first_visit_error")
        self.first_visit_error.setStyleSheet(u"color: #b00020;")
        self.first_visit_error.setWordWrap(True)
        self.first_visit_error.setVisible(False)

        self.basicGrid.addWidget(self.first_visit_error, 9, 3, 1, 1)

        self.tags_label = QLabel(self.basicGroup)
        self.tags_label.setObjectName(u"tags_label")

        self.basicGrid.addWidget(self.tags_label, 14, 0, 1, 1)

        self.tags = QLineEdit(self.basicGroup)
        self.tags.setObjectName(u"tags")

        self.basicGrid.addWidget(self.tags, 14, 1, 1, 3)

        self.tags_error = QLabel(self.basicGroup)
        self.tags_error.setObjectName(u"tags_error")
        self.tags_error.setStyleSheet(u"color: #b00020;")
        self.tags_error.setWordWrap(True)
        self.tags_error.setVisible(False)

        self.basicGrid.addWidget(self.tags_error, 15, 1, 1, 3)

        self.company_label = QLabel(self.basicGroup)
        self.company_label.setObjectName(u"company_label")

        self.basicGrid.addWidget(self.company_label, 16, 0, 1, 1)

        self.company = QLineEdit(self.basicGroup)
        self.company.setObjectName(u"company")
        self.company.setMaxLength(100)

        self.basicGrid.addWidget(self.company, 16, 1, 1, 1)

        self.company_error = QLabel(self.basicGroup)
        self.company_error.setObjectName(u"company_error")
        self.company_error.setStyleSheet(u"color: #b00020;")
        self.company_error.setWordWrap(True)
        self.company_error.setVisible(False)

        self.basicGrid.addWidget(self.company_error, 17, 1, 1, 1)

        self.department_label = QLabel(self.basicGroup)
        self.department_label.setObjectName(u"department_label")

        self.basicGrid.addWidget(self.department_label, 16, 2, 1, 1)

        self.department = QLineEdit(self.basicGroup)
        self.department.setObjectName(u"department")
        self.department.setMaxLength(100)

        self.basicGrid.addWidget(self.department, 16, 3, 1, 1)

        self.department_error = QLabel(self.basicGroup)
        self.department_error.setObjectName(u"department_error")
        self.department_error.setStyleSheet(u"color: #b00020;")
        self.department_error.setWordWrap(True)
        self.department_error.setVisible(False)

        self.basicGrid.addWidget(self.department_error, 17, 3, 1, 1)

        self.channel_label = QLabel(self.basicGroup)
        self.channel_label.setObjectName(u"channel_label")

        self.basicGrid.addWidget(self.channel_label, 20, 0, 1, 1)

        self.channel = QComboBox(self.basicGroup)
        self.channel.setObjectName(u"channel")

        self.basicGrid.addWidget(self.channel, 20, 1, 1, 1)

        self.channel_id_error = QLabel(self.basicGroup)
        self.channel_id_error.setObjectName(u"channel_id_error")
        self.channel_id_error.setStyleSheet(u"color: #b00020;")
        self.channel_id_error.setWordWrap(True)
        self.channel_id_error.setVisible(False)

        self.basicGrid.addWidget(self.channel_id_error, 21, 1, 1, 1)

        self.referred_by_label = QLabel(self.basicGroup)
        self.referred_by_label.setObjectName(u"referred_by_label")

        self.basicGrid.addWidget(self.referred_by_label, 20, 2, 1, 1)

        self.referred_by = QLineEdit(self.basicGroup)
        self.referred_by.setObjectName(u"referred_by")

        self.basicGrid.addWidget(self.referred_by, 20, 3, 1, 1)

        self.referred_by_info = QLabel(self.basicGroup)
        self.referred_by_info.setObjectName(u"referred_by_info")

        self.basicGrid.addWidget(self.referred_by_info, 21, 3, 1, 1)

        self.referred_by_id_error = QLabel(self.basicGroup)
        self.referred_by_id_error.setObjectName(u"referred_by_id_error")
        self.referred_by_id_error.setStyleSheet(u"color: #b00020;")
        self.referred_by_id_error.setWordWrap(True)
        self.referred_by_id_error.setVisible(False)

        self.basicGrid.addWidget(self.referred_by_id_error, 22, 3, 1, 1)

        self.basicGrid.setColumnStretch(1, 1)
        self.basicGrid.setColumnStretch(3, 1)

        self.formsRow.addWidget(self.basicGroup)

        self.contactGroup = QGroupBox(CustomerCard)
        self.contactGroup.setObjectName(u"contactGroup")
        self.contactGrid = QGridLayout(self.contactGroup)
        self.contactGrid.setObjectName(u"contactGrid")
        self.postal_code_label = QLabel(self.contactGroup)
        self.postal_code_label.setObjectName(u"postal_code_label")

        self.contactGrid.addWidget(self.postal_code_label, 0, 0, 1, 1)

        self.postalRow = QHBoxLayout()
        self.postalRow.setObjectName(u"postalRow")
        self.postal_code = QLineEdit(self.contactGroup)
        self.postal_code.setObjectName(u"postal_code")
        self.postal_code.setPlaceholderText(u"100-0001")
        self.postal_code.setMaxLength(10)

        self.postalRow.addWidget(self.postal_code)

        self.postal_info = QLabel(self.contactGroup)
        self.postal_info.setObjectName(u"postal_info")

        self.postalRow.addWidget(self.postal_info)


        self.contactGrid.addLayout(self.postalRow, 0, 1, 1, 3)

        self.postal_code_error = QLabel(self.contactGroup)
        self.postal_code_error.setObjectName(u"postal_code_error")
        self.postal_code_error.setStyleSheet(u"color: #b00020;")
        self.postal_code_error.setWordWrap(True)
        self.postal_code_error.setVisible(False)

        self.contactGrid.addWidget(self.postal_code_error, 1, 1, 1, 3)

        self.prefecture_label = QLabel(self.contactGroup)
        self.prefecture_label.setObjectName(u"prefecture_label")

        self.contactGrid.addWidget(self.prefecture_label, 2, 0, 1, 1)

        self.prefecture = QLineEdit(self.contactGroup)
        self.prefecture.setObjectName(u"prefecture")
        self.prefecture.setMaxLength(10)

        self.contactGrid.addWidget(self.prefecture, 2, 1, 1, 1)

        self.prefecture_error = QLabel(self.contactGroup)
        self.prefecture_error.setObjectName(u"prefecture_error")
        self.prefecture_error.setStyleSheet(u"color: #b00020;")
        self.prefecture_error.setWordWrap(True)
        self.prefecture_error.setVisible(False)

        self.contactGrid.addWidget(self.prefecture_error, 3, 1, 1, 1)

        self.city_label = QLabel(self.contactGroup)
        self.city_label.setObjectName(u"city_label")

        self.contactGrid.addWidget(self.city_label, 2, 2, 1, 1)

        self.city = QLineEdit(self.contactGroup)
        self.city.setObjectName(u"city")
        self.city.setMaxLength(60)

        self.contactGrid.addWidget(self.city, 2, 3, 1, 1)

        self.city_error = QLabel(self.contactGroup)
        self.city_error.setObjectName(u"city_error")
        self.city_error.setStyleSheet(u"color: #b00020;")
        self.city_error.setWordWrap(True)
        self.city_error.setVisible(False)

        self.contactGrid.addWidget(self.city_error, 3, 3, 1, 1)

        self.town_label = QLabel(self.contactGroup)
        self.town_label.setObjectName(u"town_label")

        self.contactGrid.addWidget(self.town_label, 6, 0, 1, 1)

        self.town = QLineEdit(self.contactGroup)
        self.town.setObjectName(u"town")
        self.town.setMaxLength(100)

        self.contactGrid.addWidget(self.town, 6, 1, 1, 3)

        self.town_error = QLabel(self.contactGroup)
        self.town_error.setObjectName(u"town_error")
        self.town_error.setStyleSheet(u"color: #b00020;")
        self.town_error.setWordWrap(True)
        self.town_error.setVisible(False)

        self.contactGrid.addWidget(self.town_error, 7, 1, 1, 3)

        self.street_label = QLabel(self.contactGroup)
        self.street_label.setObjectName(u"street_label")

        self.contactGrid.addWidget(self.street_label, 8, 0, 1, 1)

        self.street = QLineEdit(self.contactGroup)
        self.street.setObjectName(u"street")
        self.street.setPlaceholderText(u"1-2-3")
        self.street.setMaxLength(100)

        self.contactGrid.addWidget(self.street, 8, 1, 1, 3)

        self.street_error = QLabel(self.contactGroup)
        self.street_error.setObjectName(u"street_error")
        self.street_error.setStyleSheet(u"color: #b00020;")
        self.street_error.setWordWrap(True)
        self.street_error.setVisible(False)

        self.contactGrid.addWidget(self.street_error, 9, 1, 1, 3)

        self.building_label = QLabel(self.contactGroup)
        self.building_label.setObjectName(u"building_label")

        self.contactGrid.addWidget(self.building_label, 10, 0, 1, 1)

        self.building = QLineEdit(self.contactGroup)
        self.building.setObjectName(u"building")
        self.building.setMaxLength(100)

        self.contactGrid.addWidget(self.building, 10, 1, 1, 3)

        self.building_error = QLabel(self.contactGroup)
        self.building_error.setObjectName(u"building_error")
        self.building_error.setStyleSheet(u"color: #b00020;")
        self.building_error.setWordWrap(True)
        self.building_error.setVisible(False)

        self.contactGrid.addWidget(self.building_error, 11, 1, 1, 3)

        self.phone1_label = QLabel(self.contactGroup)
        self.phone1_label.setObjectName(u"phone1_label")

        self.contactGrid.addWidget(self.phone1_label, 12, 0, 1, 1)

        self.phone1 = QLineEdit(self.contactGroup)
        self.phone1.setObjectName(u"phone1")
        self.phone1.setPlaceholderText(u"090-1234-5678")
        self.phone1.setMaxLength(24)

        self.contactGrid.addWidget(self.phone1, 12, 1, 1, 1)

        self.phone1_error = QLabel(self.contactGroup)
        self.phone1_error.setObjectName(u"phone1_error")
        self.phone1_error.setStyleSheet(u"color: #b00020;")
        self.phone1_error.setWordWrap(True)
        self.phone1_error.setVisible(False)

        self.contactGrid.addWidget(self.phone1_error, 13, 1, 1, 1)

        self.phone2_label = QLabel(self.contactGroup)
        self.phone2_label.setObjectName(u"phone2_label")

        self.contactGrid.addWidget(self.phone2_label, 12, 2, 1, 1)

        self.phone2 = QLineEdit(self.contactGroup)
        self.phone2.setObjectName(u"phone2")
        self.phone2.setMaxLength(24)

        self.contactGrid.addWidget(self.phone2, 12, 3, 1, 1)

        self.phone2_error = QLabel(self.contactGroup)
        self.phone2_error.setObjectName(u"phone2_error")
        self.phone2_error.setStyleSheet(u"color: #b00020;")
        self.phone2_error.setWordWrap(True)
        self.phone2_error.setVisible(False)

        self.contactGrid.addWidget(self.phone2_error, 13, 3, 1, 1)

        self.email_label = QLabel(self.contactGroup)
        self.email_label.setObjectName(u"email_label")

        self.contactGrid.addWidget(self.email_label, 16, 0, 1, 1)

        self.email = QLineEdit(self.contactGroup)
        self.email.setObjectName(u"email")
        self.email.setPlaceholderText(u"name@example.jp")
        self.email.setMaxLength(254)

        self.contactGrid.addWidget(self.email, 16, 1, 1, 3)

        self.email_error = QLabel(self.contactGroup)
        self.email_error.setObjectName(u"email_error")
        self.email_error.setStyleSheet(u"color: #b00020;")
        self.email_error.setWordWrap(True)
        self.email_error.setVisible(False)

        self.contactGrid.addWidget(self.email_error, 17, 1, 1, 3)

        self.dm_consent_label = QLabel(self.contactGroup)
        self.dm_consent_label.setObjectName(u"dm_consent_label")

        self.contactGrid.addWidget(self.dm_consent_label, 18, 0, 1, 1)

        self.consentRow = QHBoxLayout()
        self.consentRow.setObjectName(u"consentRow")
        self.dm_consent = QCheckBox(self.contactGroup)
        self.dm_consent.setObjectName(u"dm_consent")

        self.consentRow.addWidget(self.dm_consent)

        self.email_consent = QCheckBox(self.contactGroup)
        self.email_consent.setObjectName(u"email_consent")

        self.consentRow.addWidget(self.email_consent)


        self.contactGrid.addLayout(self.consentRow, 18, 1, 1, 3)

        self.contactGrid.setColumnStretch(1, 1)
        self.contactGrid.setColumnStretch(3, 1)

        self.formsRow.addWidget(self.contactGroup)


        self.cardLayout.addLayout(self.formsRow)

        self.bottomRow = QHBoxLayout()
        self.bottomRow.setObjectName(u"bottomRow")
        self.notesGroup = QGroupBox(CustomerCard)
        self.notesGroup.setObjectName(u"notesGroup")
        self.notesLayout = QVBoxLayout(self.notesGroup)
        self.notesLayout.setObjectName(u"notesLayout")
        self.notes = QPlainTextEdit(self.notesGroup)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.notesLayout.addWidget(self.notes)

        self.notes_error = QLabel(self.notesGroup)
        self.notes_error.setObjectName(u"notes_error")
        self.notes_error.setStyleSheet(u"color: #b00020;")
        self.notes_error.setWordWrap(True)
        self.notes_error.setVisible(False)

        self.notesLayout.addWidget(self.notes_error)


        self.bottomRow.addWidget(self.notesGroup)

        self.historyGroup = QGroupBox(CustomerCard)
        self.historyGroup.setObjectName(u"historyGroup")
        self.historyLayout = QVBoxLayout(self.historyGroup)
        self.historyLayout.setObjectName(u"historyLayout")
        self.history_tabs = QTabWidget(self.historyGroup)
        self.history_tabs.setObjectName(u"history_tabs")

        self.historyLayout.addWidget(self.history_tabs)


        self.bottomRow.addWidget(self.historyGroup)


        self.cardLayout.addLayout(self.bottomRow)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.status_label = QLabel(CustomerCard)
        self.status_label.setObjectName(u"status_label")

        self.buttonRow.addWidget(self.status_label)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.save_button = QPushButton(CustomerCard)
        self.save_button.setObjectName(u"save_button")
        self.save_button.setAutoDefault(False)

        self.buttonRow.addWidget(self.save_button)

        self.close_button = QPushButton(CustomerCard)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.buttonRow.addWidget(self.close_button)


        self.cardLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.customer_number_label.setBuddy(self.customer_number)
        self.family_name_label.setBuddy(self.family_name)
        self.family_kana_label.setBuddy(self.family_kana)
        self.gender_label.setBuddy(self.gender)
        self.birthday_label.setBuddy(self.birthday)
        self.first_visit_label.setBuddy(self.first_visit)
        self.tags_label.setBuddy(self.tags)
        self.company_label.setBuddy(self.company)
        self.department_label.setBuddy(self.department)
        self.channel_label.setBuddy(self.channel)
        self.referred_by_label.setBuddy(self.referred_by)
        self.postal_code_label.setBuddy(self.postal_code)
        self.prefecture_label.setBuddy(self.prefecture)
        self.city_label.setBuddy(self.city)
        self.town_label.setBuddy(self.town)
        self.street_label.setBuddy(self.street)
        self.building_label.setBuddy(self.building)
        self.phone1_label.setBuddy(self.phone1)
        self.phone2_label.setBuddy(self.phone2)
        self.email_label.setBuddy(self.email)
        self.dm_consent_label.setBuddy(self.dm_consent)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.customer_number, self.family_name)
        QWidget.setTabOrder(self.family_name, self.given_name)
        QWidget.setTabOrder(self.given_name, self.family_kana)
        QWidget.setTabOrder(self.family_kana, self.given_kana)
        QWidget.setTabOrder(self.given_kana, self.gender)
        QWidget.setTabOrder(self.gender, self.first_visit)
        QWidget.setTabOrder(self.first_visit, self.birthday)
        QWidget.setTabOrder(self.birthday, self.tags)
        QWidget.setTabOrder(self.tags, self.company)
        QWidget.setTabOrder(self.company, self.department)
        QWidget.setTabOrder(self.department, self.channel)
        QWidget.setTabOrder(self.channel, self.referred_by)
        QWidget.setTabOrder(self.referred_by, self.postal_code)
        QWidget.setTabOrder(self.postal_code, self.prefecture)
        QWidget.setTabOrder(self.prefecture, self.city)
        QWidget.setTabOrder(self.city, self.town)
        QWidget.setTabOrder(self.town, self.street)
        QWidget.setTabOrder(self.street, self.building)
        QWidget.setTabOrder(self.building, self.phone1)
        QWidget.setTabOrder(self.phone1, self.phone2)
        QWidget.setTabOrder(self.phone2, self.email)
        QWidget.setTabOrder(self.email, self.dm_consent)
        QWidget.setTabOrder(self.dm_consent, self.email_consent)
        QWidget.setTabOrder(self.email_consent, self.notes)
        QWidget.setTabOrder(self.notes, self.history_tabs)
        QWidget.setTabOrder(self.history_tabs, self.save_button)
        QWidget.setTabOrder(self.save_button, self.close_button)
        QWidget.setTabOrder(self.close_button, self.duplicates_list)
        QWidget.setTabOrder(self.duplicates_list, self.open_duplicate_button)
        QWidget.setTabOrder(self.open_duplicate_button, self.save_anyway_button)

        self.retranslateUi(CustomerCard)

        self.history_tabs.setCurrentIndex(-1)


        QMetaObject.connectSlotsByName(CustomerCard)
    # setupUi

    def retranslateUi(self, CustomerCard):
        CustomerCard.setWindowTitle(QCoreApplication.translate("CustomerCard", u"\u9867\u5ba2\u30ab\u30fc\u30c9", None))
        self.header_name.setText(QCoreApplication.translate("CustomerCard", u"\u65b0\u898f\u9867\u5ba2", None))
        self.header_details.setText("")
        self.header_figures.setText("")
        self.duplicates_label.setText(QCoreApplication.translate("CustomerCard", u"\u540c\u3058\u4eba\u3068\u601d\u308f\u308c\u308b\u9867\u5ba2\u304c\u3059\u3067\u306b\u767b\u9332\u3055\u308c\u3066\u3044\u307e\u3059\u3002\u78ba\u8a8d\u3057\u3066\u304f\u3060\u3055\u3044\u3002", None))
        self.open_duplicate_button.setText(QCoreApplication.translate("CustomerCard", u"\u65e2\u5b58\u306e\u9867\u5ba2\u3092\u958b\u304f(&O)", None))
        self.save_anyway_button.setText(QCoreApplication.translate("CustomerCard", u"\u5225\u4eba\u3068\u3057\u3066\u767b\u9332(&A)", None))
        self.basicGroup.setTitle(QCoreApplication.translate("CustomerCard", u"\u57fa\u672c\u60c5\u5831", None))
        self.customer_number_label.setText(QCoreApplication.translate("CustomerCard", u"\u9867\u5ba2\u756a\u53f7", None))
        self.customer_number.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"\u81ea\u52d5\u3067\u63a1\u756a", None))
        self.family_name_label.setText(QCoreApplication.translate("CustomerCard", u"\u6c0f\u540d", None))
        self.family_name.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"\u59d3", None))
        self.given_name.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"\u540d", None))
        self.family_kana_label.setText(QCoreApplication.translate("CustomerCard", u"\u3075\u308a\u304c\u306a", None))
        self.family_kana.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"\u305b\u3044", None))
        self.given_kana.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"\u3081\u3044", None))
        self.gender_label.setText(QCoreApplication.translate("CustomerCard", u"\u6027\u5225", None))
        self.gender.setItemText(0, QCoreApplication.translate("CustomerCard", u"\uff08\u672a\u8a2d\u5b9a\uff09", None))
        self.gender.setItemText(1, QCoreApplication.translate("CustomerCard", u"\u5973\u6027", None))
        self.gender.setItemText(2, QCoreApplication.translate("CustomerCard", u"\u7537\u6027", None))
        self.gender.setItemText(3, QCoreApplication.translate("CustomerCard", u"\u305d\u306e\u4ed6", None))

        self.birthday_label.setText(QCoreApplication.translate("CustomerCard", u"\u751f\u5e74\u6708\u65e5", None))
        self.birthday_info.setText("")
        self.first_visit_label.setText(QCoreApplication.translate("CustomerCard", u"\u521d\u56de\u6765\u5e97\u65e5", None))
        self.tags_label.setText(QCoreApplication.translate("CustomerCard", u"\u30bf\u30b0", None))
        self.tags.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"VIP, \u5e38\u9023\uff08\u30ab\u30f3\u30de\u533a\u5207\u308a\uff09", None))
        self.company_label.setText(QCoreApplication.translate("CustomerCard", u"\u4f1a\u793e\u540d", None))
        self.department_label.setText(QCoreApplication.translate("CustomerCard", u"\u90e8\u7f72", None))
        self.channel_label.setText(QCoreApplication.translate("CustomerCard", u"\u6d41\u5165\u7d4c\u8def", None))
#if QT_CONFIG(tooltip)
        self.channel.setToolTip(QCoreApplication.translate("CustomerCard", u"\u6765\u5e97\u306e\u304d\u3063\u304b\u3051\u3002\u982d\u6587\u5b57\u3092\u6253\u3064\u304b \u2191\u2193 \u3067\u9078\u3079\u307e\u3059", None))
#endif // QT_CONFIG(tooltip)
        self.referred_by_label.setText(QCoreApplication.translate("CustomerCard", u"\u7d39\u4ecb\u8005", None))
        self.referred_by.setPlaceholderText(QCoreApplication.translate("CustomerCard", u"\u6c0f\u540d\u30fb\u96fb\u8a71\u30fb\u9867\u5ba2\u756a\u53f7\u3067\u691c\u7d22", None))
        self.contactGroup.setTitle(QCoreApplication.translate("CustomerCard", u"\u4f4f\u6240\u30fb\u9023\u7d61\u5148", None))
        self.postal_code_label.setText(QCoreApplication.translate("CustomerCard", u"\u90f5\u4fbf\u756a\u53f7", None))
        self.postal_info.setText("")
        self.prefecture_label.setText(QCoreApplication.translate("CustomerCard", u"\u90fd\u9053\u5e9c\u770c", None))
        self.city_label.setText(QCoreApplication.translate("CustomerCard", u"\u5e02\u533a\u753a\u6751", None))
        self.town_label.setText(QCoreApplication.translate("CustomerCard", u"\u753a\u57df", None))
        self.street_label.setText(QCoreApplication.translate("CustomerCard", u"\u756a\u5730", None))
        self.building_label.setText(QCoreApplication.translate("CustomerCard", u"\u5efa\u7269\u540d", None))
        self.phone1_label.setText(QCoreApplication.translate("CustomerCard", u"\u96fb\u8a71\u756a\u53f71", None))
        self.phone2_label.setText(QCoreApplication.translate("CustomerCard", u"\u96fb\u8a71\u756a\u53f72", None))
        self.email_label.setText(QCoreApplication.translate("CustomerCard", u"\u30e1\u30fc\u30eb", None))
        self.dm_consent_label.setText(QCoreApplication.translate("CustomerCard", u"\u6848\u5185", None))
        self.dm_consent.setText(QCoreApplication.translate("CustomerCard", u"DM\u9001\u4ed8\u53ef", None))
        self.email_consent.setText(QCoreApplication.translate("CustomerCard", u"\u30e1\u30fc\u30eb\u9001\u4fe1\u53ef", None))
        self.notesGroup.setTitle(QCoreApplication.translate("CustomerCard", u"\u5099\u8003", None))
        self.historyGroup.setTitle(QCoreApplication.translate("CustomerCard", u"\u5c65\u6b74", None))
        self.status_label.setText("")
        self.save_button.setText(QCoreApplication.translate("CustomerCard", u"\u4fdd\u5b58 (Ctrl+S)", None))
        self.close_button.setText(QCoreApplication.translate("CustomerCard", u"\u9589\u3058\u308b (Esc)", None))
    # retranslateUi
