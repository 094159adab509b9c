<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>CustomerCard</name>
    <message>
        <source>顧客カード</source>
        <translation>Customer card</translation>
    </message>
    <message>
        <source>新規顧客</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>同じ人と思われる顧客がすでに登録されています。確認してください。</source>
        <translation>This looks like a customer already on file. Please check.</translation>
    </message>
    <message>
        <source>既存の顧客を開く(&amp;O)</source>
        <translation>&amp;Open the existing customer</translation>
    </message>
    <message>
        <source>別人として登録(&amp;A)</source>
        <translation>Save &amp;as a different person</translation>
    </message>
    <message>
        <source>基本情報</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>顧客番号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>自動で採番</source>
        <translation>assigned automatically</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>姓</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>名</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>ふりがな</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>せい</source>
        <translation>family (kana)</translation>
    </message>
    <message>
        <source>めい</source>
        <translation>given (kana)</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>女性</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>男性</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>その他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>初回来店日</source>
        <translation>First visit</translation>
    </message>
    <message>
        <source>タグ</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>VIP, 常連（カンマ区切り）</source>
        <translation>VIP, regular (comma separated)</translation>
    </message>
    <message>
        <source>会社名</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>住所・連絡先</source>
        <translation>Address and contact</translation>
    </message>
    <message>
        <source>郵便番号</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>都道府県</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <source>市区町村</source>
        <translation>City</translation>
    </message>
    <message>
        <source>町域</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>番地</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>建物名</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>電話番号1</source>
        <translation>Phone 1</translation>
    </message>
    <message>
        <source>電話番号2</source>
        <translation>Phone 2</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>案内</source>
        <translation>Mailings</translation>
    </message>
    <message>
        <source>DM送付可</source>
        <translation>DM OK</translation>
    </message>
    <message>
        <source>メール送信可</source>
        <translation>Email OK</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>閉じる (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>購入・ポイント・問い合わせの履歴はここに表示されます。</source>
        <extracomment>Line edits named after the service&apos;s fields. Fields checked as soon as staff leave them.</extracomment>
        <translation>Purchases, points and inquiries will show here.</translation>
    </message>
    <message>
        <source>該当する住所が見つかりません</source>
        <translation>No address known for this code</translation>
    </message>
    <message>
        <source>{age}歳・{wareki}</source>
        <translation>age {age} · {wareki}</translation>
    </message>
    <message>
        <source>顧客番号 {0}</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <source>カード {0}</source>
        <translation>Card {0}</translation>
    </message>
    <message>
        <source>{0}歳</source>
        <translation>age {0}</translation>
    </message>
    <message>
        <source>初回来店 {0}</source>
        <translation>First visit {0}</translation>
    </message>
    <message>
        <source>顧客カード - {0}</source>
        <translation>Customer card - {0}</translation>
    </message>
    <message>
        <source>保存しました</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>同じ電話番号</source>
        <translation>same phone</translation>
    </message>
    <message>
        <source>同じメールアドレス</source>
        <translation>same email</translation>
    </message>
    <message>
        <source>同じ氏名・ふりがな・生年月日</source>
        <translation>same name, kana and birthday</translation>
    </message>
    <message>
        <source>未保存の変更</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>変更が保存されていません。保存しますか？</source>
        <translation>Your changes are not saved. Save them?</translation>
    </message>
    <message>
        <source>保存する</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存しない</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>顧客番号</source>
        <extracomment>Server-side order for each column when the whole list is shown.</extracomment>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ふりがな</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>データベースを開く</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>新しいデータベース</source>
        <translation>New database</translation>
    </message>
    <message>
        <source>開けません</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>デモデータ</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>このファイルにはまだ顧客がいません。
操作を試すためのデモデータ（{0}人の架空の顧客）を読み込みますか？</source>
        <translation>This file has no customers yet.
Load demo data ({0} fictitious customers) to try crmdesk out?</translation>
    </message>
    <message>
        <source>デモデータを作成しています...</source>
        <translation>Creating demo data...</translation>
    </message>
    <message>
        <source>デモデータを読み込みました</source>
        <translation>Demo data loaded</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>検索欄へ移動</source>
        <translation>Go to the search box</translation>
    </message>
    <message>
        <source>入力</source>
        <translation>Typing</translation>
    </message>
    <message>
        <source>入力するたびに検索（名前・かな・電話・番号・カード）</source>
        <translation>Searches as you type (name, kana, phone, number, card)</translation>
    </message>
    <message>
        <source>検索結果を移動</source>
        <translation>Move through the results</translation>
    </message>
    <message>
        <source>選んだ顧客のカードを開く</source>
        <translation>Open the selected customer&apos;s card</translation>
    </message>
    <message>
        <source>検索欄を空にする／カードを閉じる</source>
        <translation>Clear the search box / close the card</translation>
    </message>
    <message>
        <source>次／前の検索結果</source>
        <translation>Next / previous result</translation>
    </message>
    <message>
        <source>新規顧客</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>カードを保存</source>
        <translation>Save the card</translation>
    </message>
    <message>
        <source>カードで次／前の検索結果を表示</source>
        <translation>Show the next / previous result in the card</translation>
    </message>
    <message>
        <source>次／前の入力欄</source>
        <translation>Next / previous field</translation>
    </message>
    <message>
        <source>データベースを開く／新しく作る</source>
        <translation>Open / create a database</translation>
    </message>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>この一覧</source>
        <translation>This list</translation>
    </message>
    <message>
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>キーボードショートカット</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>crmdeskについて</source>
        <translation>About crmdesk</translation>
    </message>
    <message>
        <source>crmdesk {0}
小さなお店のための顧客管理</source>
        <translation>crmdesk {0}
Customer management for small shops</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>crmdesk 顧客管理</source>
        <translation>crmdesk Customers</translation>
    </message>
    <message>
        <source>検索(&amp;F):</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <source>名前・ふりがな・電話番号・顧客番号・カード番号・メール</source>
        <translation>Name, kana, phone, customer number, card number, email</translation>
    </message>
    <message>
        <source>新規顧客 (Ctrl+N)</source>
        <translation>New customer (Ctrl+N)</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近使ったファイル(&amp;R)</source>
        <translation>&amp;Recent files</translation>
    </message>
    <message>
        <source>顧客(&amp;C)</source>
        <translation>&amp;Customer</translation>
    </message>
    <message>
        <source>ツール(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>レポート(&amp;R)</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>新しいファイル(&amp;N)...</source>
        <translation>&amp;New file...</translation>
    </message>
    <message>
        <source>開く(&amp;O)...</source>
        <translation>&amp;Open...</translation>
    </message>
    <message>
        <source>設定(&amp;S)...</source>
        <translation>&amp;Settings...</translation>
    </message>
    <message>
        <source>終了(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>検索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>新規顧客(&amp;N)</source>
        <translation>&amp;New customer</translation>
    </message>
    <message>
        <source>カードを開く(&amp;O)</source>
        <translation>&amp;Open card</translation>
    </message>
    <message>
        <source>次の結果</source>
        <translation>Next result</translation>
    </message>
    <message>
        <source>前の結果</source>
        <translation>Previous result</translation>
    </message>
    <message>
        <source>デモデータを読み込む(&amp;D)...</source>
        <translation>Load &amp;demo data...</translation>
    </message>
    <message>
        <source>キーボードショートカット(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>crmdeskについて(&amp;A)</source>
        <translation>&amp;About crmdesk</translation>
    </message>
    <message>
        <source>全顧客（ふりがな順）</source>
        <translation>All customers (by kana)</translation>
    </message>
    <message>
        <source>{0}件見つかりました</source>
        <translation>{0} found</translation>
    </message>
    <message>
        <source>見つかりません</source>
        <translation>No customer found</translation>
    </message>
    <message>
        <source>同期: 未設定</source>
        <translation>Sync: off</translation>
    </message>
    <message>
        <source>顧客 {0}人</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <source>エラー: {0}</source>
        <translation>Error: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <source>店舗名</source>
        <translation>Shop name</translation>
    </message>
    <message>
        <source>店舗コード</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>例: 01</source>
        <translation>e.g. 01</translation>
    </message>
    <message>
        <source>データベース</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>参照(&amp;B)...</source>
        <translation>&amp;Browse...</translation>
    </message>
    <message>
        <source>表示言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>システムの設定に従う</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>日本語</source>
        <translation>日本語 (Japanese)</translation>
    </message>
    <message>
        <source>表示言語とデータベースの変更は次回の起動から反映されます。</source>
        <translation>Language and database changes take effect at the next start.</translation>
    </message>
</context>
</TS>
