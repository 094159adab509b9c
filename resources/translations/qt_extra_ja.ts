<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Japanese for Qt's own texts that Qt's qtbase_ja.qm lacks: Qt 6 renamed these
     sources ("Look in:" became "&Look in:"), and its Japanese file still has the old
     ones, so the file dialog showed English. Loaded after qtbase_ja (see ui/i18n.py). -->
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
</TS>
