<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>About</name>
    <message>
        <source>IPAexゴシック（フォント）: IPAフォントライセンスv1.0</source>
        <translation>IPAexGothic (font): IPA Font License v1.0</translation>
    </message>
    <message>
        <source>Qt / PySide6: LGPL v3</source>
        <translation>Qt / PySide6: LGPL v3</translation>
    </message>
    <message>
        <source>psycopg（ハブとの同期）: LGPL v3</source>
        <translation>psycopg (hub sync): LGPL v3</translation>
    </message>
    <message>
        <source>pykakasi（ふりがな）: GPL v3 以降</source>
        <translation>pykakasi (furigana): GPL v3 or later</translation>
    </message>
    <message>
        <source>GNU GPL v3 の全文</source>
        <translation>GNU GPL v3, full text</translation>
    </message>
    <message>
        <source>そのほかのライブラリ（MIT・BSD・Apache など）</source>
        <translation>Other libraries (MIT, BSD, Apache, ...)</translation>
    </message>
    <message>
        <source>ライセンスのファイルが見つかりません: {0}</source>
        <translation>Licence file not found: {0}</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>crmdeskについて</source>
        <translation>About crmdesk</translation>
    </message>
    <message>
        <source>バージョン(&amp;V)</source>
        <translation>&amp;Version</translation>
    </message>
    <message>
        <source>ライセンス(&amp;L)</source>
        <translation>&amp;Licences</translation>
    </message>
    <message>
        <source>crmdesk {0}
小さなお店のための顧客管理</source>
        <translation>crmdesk {0}
Customer management for small shops</translation>
    </message>
    <message>
        <source>（不明）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>データのフォルダーを開く(&amp;O)</source>
        <translation>&amp;Open the data folder</translation>
    </message>
    <message>
        <source>データのフォルダー:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>crmdesk に含まれるフォントとライブラリのライセンスです。↑↓で選ぶと、下に全文を表示します。</source>
        <translation>The licences of the fonts and libraries crmdesk includes. Choose one with ↑↓ to read its full text below.</translation>
    </message>
</context>
<context>
    <name>AdjustPointsDialog</name>
    <message>
        <source>ポイントの調整</source>
        <translation>Adjust points</translation>
    </message>
    <message>
        <source>現在の残高: {points} pt</source>
        <translation>Current balance: {points} pt</translation>
    </message>
    <message>
        <source>減らすときはマイナス（例: -50）</source>
        <translation>Negative to take points away (e.g. -50)</translation>
    </message>
    <message>
        <source>理由（必須）例: 付与漏れの訂正</source>
        <translation>Reason (required), e.g. points missed at the till</translation>
    </message>
    <message>
        <source>調整するポイント(&amp;P)</source>
        <translation>&amp;Points to add</translation>
    </message>
    <message>
        <source>理由(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
</context>
<context>
    <name>AtRiskBox</name>
    <message>
        <source>大切なお客様で、離れつつある方（推定）</source>
        <translation>Valuable customers slipping away (estimates)</translation>
    </message>
    <message>
        <source>顧客番号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>お名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>累計購入</source>
        <translation>Spent so far</translation>
    </message>
    <message>
        <source>最終来店</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>まだ来店の見込み</source>
        <translation>Still active</translation>
    </message>
    <message>
        <source>見込みはまだ計算されていません（起動後しばらくで計算します）。</source>
        <translation>No estimates yet (they are computed shortly after start-up).</translation>
    </message>
    <message>
        <source>来店記録が少ないため推定モデルは使わず、90日以上来店のない方を購入額順に表示しています。</source>
        <translation>Too little visit history for the models: customers not seen for 90 days or more, by what they spent.</translation>
    </message>
    <message>
        <source>過去の来店から計算した推定値です（{day}時点）。まだ来店の見込みが50%未満の方を、離れると失う購入額の大きい順に表示しています。</source>
        <translation>Estimates from past visits (as of {day}): customers below a 50% chance of still being active, by the spend at stake.</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <source>サインイン</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>書き出し</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>印刷・DM</source>
        <translation>Prints and DM</translation>
    </message>
    <message>
        <source>削除・消去</source>
        <translation>Deletions and erasures</translation>
    </message>
    <message>
        <source>統合・取り消し</source>
        <translation>Merges and undos</translation>
    </message>
    <message>
        <source>ポイント調整・ルール</source>
        <translation>Point adjustments and rules</translation>
    </message>
    <message>
        <source>設定・スタッフ・役割</source>
        <translation>Settings, staff and roles</translation>
    </message>
    <message>
        <source>開示</source>
        <translation>Disclosures</translation>
    </message>
    <message>
        <source>マスク解除</source>
        <translation>Masked fields shown</translation>
    </message>
    <message>
        <source>その他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>操作記録</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>全員</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>この日から</source>
        <translation>From this day</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>スタッフ</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>CSVに書き出し…</source>
        <translation>Export as CSV…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{0}件</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>操作記録の書き出し</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>書き出しました: {0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>BranchSyncPage</name>
    <message>
        <source>予期しないエラー: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <source>キーリングに保存されます</source>
        <translation>Kept in the keyring</translation>
    </message>
    <message>
        <source> 分ごと</source>
        <translation> min</translation>
    </message>
    <message>
        <source>書き込みの後だけ</source>
        <translation>Only after changes</translation>
    </message>
    <message>
        <source>接続テスト(&amp;T)</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>参加(&amp;J)</source>
        <translation>&amp;Join</translation>
    </message>
    <message>
        <source>同期をやめる(&amp;L)</source>
        <translation>&amp;Leave</translation>
    </message>
    <message>
        <source>ハブのアドレス</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <source>ユーザー</source>
        <translation>User</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>店舗コード</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>店舗名</source>
        <translation>Shop name</translation>
    </message>
    <message>
        <source>定期同期</source>
        <translation>Sync every</translation>
    </message>
    <message>
        <source>各店舗のファイルを共有のハブ（PostgreSQL）と同期します。回線が切れても各店舗はそのまま使え、つながると自動で追いつきます。</source>
        <translation>Each branch&apos;s file syncs with the shop&apos;s shared hub (PostgreSQL). Without a line every branch keeps working; it catches up by itself when the line is back.</translation>
    </message>
    <message>
        <source>この店舗（{code}）はハブ {hub} と同期しています。</source>
        <translation>This branch ({code}) syncs with the hub {hub}.</translation>
    </message>
    <message>
        <source>参加の途中で止まっています。「参加」で続きから再開します。</source>
        <translation>The join stopped part-way. &quot;Join&quot; continues where it stopped.</translation>
    </message>
    <message>
        <source>まだハブに参加していません。</source>
        <translation>Not joined to a hub yet.</translation>
    </message>
    <message>
        <source>ハブのアドレスを入力してください</source>
        <translation>Enter the hub address</translation>
    </message>
    <message>
        <source>接続しています…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>接続できました（参加している店舗 {0}、スキーマ {1}）</source>
        <translation>Connected (branches joined: {0}, schema {1})</translation>
    </message>
    <message>
        <source>接続できません: {0}</source>
        <translation>Cannot connect: {0}</translation>
    </message>
    <message>
        <source>店舗コードを入力してください</source>
        <translation>Enter the branch code</translation>
    </message>
    <message>
        <source>参加しています…</source>
        <translation>Joining…</translation>
    </message>
    <message>
        <source>参加しました（送信 {0}件、受信 {1}件）</source>
        <translation>Joined ({0} sent, {1} received)</translation>
    </message>
    <message>
        <source>中断しました。もう一度「参加」を押すと続きから再開します。</source>
        <translation>Stopped. Press &quot;Join&quot; again to continue where it stopped.</translation>
    </message>
    <message>
        <source>参加できません: {0}</source>
        <translation>Cannot join: {0}</translation>
    </message>
    <message>
        <source>同期をやめる</source>
        <translation>Leave the hub</translation>
    </message>
    <message>
        <source>ハブとの同期をやめますか？
このコンピュータのファイルはそのまま残ります（顧客・履歴は消えません）。</source>
        <translation>Stop syncing with the hub?
The file on this computer stays as it is (no customer or history is removed).</translation>
    </message>
    <message>
        <source>同期をやめました。ファイルはそのまま使えます。</source>
        <translation>Sync stopped. The file keeps working as before.</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>位置合わせ用の試し印刷</source>
        <translation>Calibration test print</translation>
    </message>
    <message>
        <source>普通紙に印刷し、ラベル用紙と重ねて光に透かしてください。枠と切れ目のずれ（mm、右・下がプラス）を補正値に足します。</source>
        <translation>Print on plain paper and hold it over a label sheet against the light. Add the gap between the outlines and the die cuts (mm, right and down positive) to the correction.</translation>
    </message>
    <message>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>PDFを保存…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>PDFを保存</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>保存しました: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
</context>
<context>
    <name>CampaignsDialog</name>
    <message>
        <source>DMの反応</source>
        <translation>Mailing responses</translation>
    </message>
    <message>
        <source>送付日</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>セグメント</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>送付数</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source> 日以内</source>
        <translation> days</translation>
    </message>
    <message>
        <source>DMを選んでください</source>
        <translation>Choose a mailing</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>顧客番号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>反応</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>売上</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>送付後</source>
        <translation>Within</translation>
    </message>
    <message>
        <source>比較グループ（送らなかった{size}人）では{came}人が来店（{rate}）。</source>
        <translation>In the control group ({size} not mailed) {came} came back ({rate}).</translation>
    </message>
    <message>
        <source>DMの効果: 来店率 {lift}ポイント（95%信頼区間 {low}〜{high}）</source>
        <translation>Effect of the mailing: visit rate {lift} points (95% interval {low} to {high})</translation>
    </message>
    <message>
        <source>1人あたり売上 {lift}円（95%信頼区間 {low}〜{high}円）</source>
        <translation>Sales per head {lift} yen (95% interval {low} to {high} yen)</translation>
    </message>
    <message>
        <source>増えた売上の見込み {extra}円</source>
        <translation>Estimated extra sales {extra} yen</translation>
    </message>
    <message>
        <source>、費用 {cost}円を引いて {net}円</source>
        <translation>; after the cost of {cost} yen, {net} yen</translation>
    </message>
    <message>
        <source>人数が少ないため、DMの効果はまだ判断できません</source>
        <translation>Too few people to tell the mailing&apos;s effect yet</translation>
    </message>
    <message>
        <source>来店が少ないため、DMの効果はまだ判断できません</source>
        <translation>Too few visits to tell the mailing&apos;s effect yet</translation>
    </message>
    <message>
        <source>送付した{sent}人のうち{came}人が来店（反応率 {rate}、売上 {sales}円）。送付しなかった{others}人では{others_came}人（{others_rate}、{others_sales}円）。差 {lift}ポイント</source>
        <translation>{came} of {sent} recipients came back (response {rate}, sales ¥{sales}). Of {others} customers not mailed, {others_came} came ({others_rate}, ¥{others_sales}). Lift {lift} points</translation>
    </message>
    <message>
        <source>来店</source>
        <translation>Visited</translation>
    </message>
</context>
<context>
    <name>ChannelListDialog</name>
    <message>
        <source>流入経路</source>
        <translation>Acquisition channels</translation>
    </message>
    <message>
        <source>流入経路の名前</source>
        <translation>Channel name</translation>
    </message>
    <message>
        <source>流入経路(&amp;L):</source>
        <translation>&amp;Channels:</translation>
    </message>
    <message>
        <source>流入経路を変更できるのはオーナーだけです。</source>
        <translation>Only the owner can change the channels.</translation>
    </message>
    <message>
        <source>使用をやめた流入経路は新しい顧客カードに出ません（登録済みの顧客はそのまま）。</source>
        <translation>Retired channels are not offered on new cards (customers who have one keep it).</translation>
    </message>
</context>
<context>
    <name>ChannelSpendDialog</name>
    <message>
        <source>広告費（円）</source>
        <translation>Spend (yen)</translation>
    </message>
    <message>
        <source>流入経路別の広告費</source>
        <translation>Spend per channel</translation>
    </message>
    <message>
        <source>金額を入力して Enter で保存。PgUp / PgDn で月を移動。</source>
        <translation>Type the amounts, Enter saves. PgUp / PgDn change the month.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>対象月(&amp;M):</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <source>保存していない金額があります。保存してから月を変えてください。</source>
        <translation>Some amounts are not saved yet. Save them before changing the month.</translation>
    </message>
    <message>
        <source>{channel}: {message}</source>
        <translation>{channel}: {message}</translation>
    </message>
    <message>
        <source>{month} の広告費を保存しました（{count} 件）</source>
        <translation>Spend for {month} saved ({count})</translation>
    </message>
</context>
<context>
    <name>ChartCell</name>
    <message>
        <source>画像を保存…</source>
        <translation>Save image…</translation>
    </message>
    <message>
        <source>データを保存…</source>
        <translation>Save data…</translation>
    </message>
</context>
<context>
    <name>ConditionGroup</name>
    <message>
        <source>すべての条件を満たす（AND）</source>
        <translation>All conditions (AND)</translation>
    </message>
    <message>
        <source>いずれかの条件を満たす（OR）</source>
        <translation>Any condition (OR)</translation>
    </message>
    <message>
        <source>条件のまとめ方</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>条件を追加</source>
        <translation>Add condition</translation>
    </message>
    <message>
        <source>条件を追加（{0}）</source>
        <translation>Add a condition ({0})</translation>
    </message>
    <message>
        <source>グループを追加</source>
        <translation>Add group</translation>
    </message>
    <message>
        <source>（A または B）のような条件のまとまりを追加（{0}）</source>
        <translation>Add a group of conditions such as (A or B) ({0})</translation>
    </message>
    <message>
        <source>グループを削除</source>
        <translation>Remove group</translation>
    </message>
    <message>
        <source>グループ:</source>
        <translation>Group:</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>ConflictInbox</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>はい</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>いいえ</source>
        <translation>No</translation>
    </message>
    <message>
        <source>付与</source>
        <translation>earned</translation>
    </message>
    <message>
        <source>利用</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>失効</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>ボーナス</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>調整</source>
        <translation>Adjusted</translation>
    </message>
    <message>
        <source>移行</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>同期の競合</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>同じ項目が二つの店舗で変更されたものです。どちらを残すか選んでください。&#x3000;K: 今の値のまま&#x3000;R: 上書きされた値に戻す&#x3000;E: カードで編集</source>
        <translation>The same field was changed at two branches. Choose which value stays.   K: keep the current value   R: restore the overwritten value   E: edit in the card</translation>
    </message>
    <message>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>今の値</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>変更した店舗・担当</source>
        <translation>Changed at / by</translation>
    </message>
    <message>
        <source>上書きされた値</source>
        <translation>Overwritten value</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date/time</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>ポイント</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>残高</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>店舗</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>担当</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>今の値のまま(&amp;K)</source>
        <translation>&amp;Keep the current value</translation>
    </message>
    <message>
        <source>上書きされた値に戻す(&amp;R)</source>
        <translation>&amp;Restore the overwritten value</translation>
    </message>
    <message>
        <source>カードで編集(&amp;E)</source>
        <translation>&amp;Edit in the card</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>未解決の競合はありません。</source>
        <translation>No open conflicts.</translation>
    </message>
    <message>
        <source>ポイント残高</source>
        <translation>Point balance</translation>
    </message>
    <message>
        <source>マイナス残高（オフラインでの重複利用）</source>
        <translation>Below zero (redeemed twice offline)</translation>
    </message>
    <message>
        <source>確認済みにする(&amp;K)</source>
        <translation>&amp;Mark as checked</translation>
    </message>
    <message>
        <source>今の値: {current}
上書きされた値: {lost}</source>
        <translation>Current value: {current}
Overwritten value: {lost}</translation>
    </message>
    <message>
        <source>残高の内訳（新しい順）</source>
        <translation>Entries behind the balance (newest first)</translation>
    </message>
    <message>
        <source>上書きされた値に戻しました。</source>
        <translation>The overwritten value was restored.</translation>
    </message>
    <message>
        <source>今の値のままにしました。</source>
        <translation>The current value was kept.</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>ポイントカード</source>
        <translation>Point card</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>crmdesk: 予期しないエラー</source>
        <extracomment>Report files kept per run: an error in a timer&apos;s slot must not fill the disk. Words of Python&apos;s and SQLite&apos;s own messages: safe to keep in a report.</extracomment>
        <translation>crmdesk: unexpected error</translation>
    </message>
    <message>
        <source>報告を保存しました（お客様の情報は含まれていません）:
{0}
サポートの担当者に、このファイルを送ってください。</source>
        <translation>A report was saved (it holds no customer data):
{0}
Please send this file to whoever supports your crmdesk.</translation>
    </message>
    <message>
        <source>報告をファイルに保存できませんでした。下の内容をコピーして、サポートの担当者に送ってください（お客様の情報は含まれていません）。</source>
        <translation>The report could not be saved to a file. Please copy the text below and send it to whoever supports your crmdesk (it holds no customer data).</translation>
    </message>
    <message>
        <source>crmdesk の中で予期しないエラーが起きました（プログラムの不具合です）。いま行った操作は、終わっていないかもしれません。

ウィンドウはそのまま使えます。保存した内容は失われていません。

</source>
        <translation>An unexpected error happened inside crmdesk (a bug in the program). What you just did may not have been completed.

The window stays usable. What was saved before is not lost.

</translation>
    </message>
    <message>
        <source>報告のフォルダーを開く(&amp;O)</source>
        <translation>&amp;Open the report folder</translation>
    </message>
    <message>
        <source>報告の場所をコピー(&amp;C)</source>
        <translation>&amp;Copy the report&apos;s location</translation>
    </message>
    <message>
        <source>報告の内容をコピー(&amp;C)</source>
        <translation>&amp;Copy the report</translation>
    </message>
</context>
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
        <source>流入経路</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>来店のきっかけ。頭文字を打つか ↑↓ で選べます</source>
        <translation>How she heard of the shop. Type the first letter or use ↑↓</translation>
    </message>
    <message>
        <source>紹介者</source>
        <translation>Referred by</translation>
    </message>
    <message>
        <source>氏名・電話・顧客番号で検索</source>
        <translation>Search by name, phone or customer number</translation>
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
        <translation>Purchases, points and inquiries will show here.</translation>
    </message>
    <message>
        <source>流入経路を読み込めませんでした</source>
        <translation>The channels could not be loaded</translation>
    </message>
    <message>
        <source>{0}（使用終了）</source>
        <translation>{0} (retired)</translation>
    </message>
    <message>
        <source>{name}さんの紹介は {count}人</source>
        <extracomment>Line edits named after the service&apos;s fields. The one key that shows a masked phone number or birthday (after a PIN). Fields checked as soon as staff leave them.</extracomment>
        <translation>{name} has referred {count}</translation>
    </message>
    <message>
        <source>「{0}」を読み込めませんでした</source>
        <translation>Could not load &quot;{0}&quot;</translation>
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
        <source>流入経路 {0}</source>
        <translation>Channel {0}</translation>
    </message>
    <message>
        <source>紹介者 {name}（紹介 {count}人）</source>
        <translation>Referred by {name} (who referred {count})</translation>
    </message>
    <message>
        <source>紹介した人 {0}人</source>
        <translation>Referred {0}</translation>
    </message>
    <message>
        <source>顧客カード - {0}</source>
        <translation>Customer card - {0}</translation>
    </message>
    <message>
        <source>顧客カードは保存されていません</source>
        <translation>The customer card was NOT saved</translation>
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
        <source>一部を隠しています。{0} で表示</source>
        <translation>Partly hidden. {0} shows it</translation>
    </message>
    <message>
        <source>表示しました（記録されます）</source>
        <translation>Shown (this is logged)</translation>
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
        <extracomment>Server-side order for each column when the whole list is shown. What a wide cell of each column holds, to size the columns in the window&apos;s font: a long name, a long reading, a mobile number. The address takes the rest.</extracomment>
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
    <name>DashboardDialog</name>
    <message>
        <source>過去12か月</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>今月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>先月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>期間を指定</source>
        <translation>Custom period</translation>
    </message>
    <message>
        <source>ダッシュボード</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>全店</source>
        <translation>All branches</translation>
    </message>
    <message>
        <source>{name}（{code}）</source>
        <translation>{name} ({code})</translation>
    </message>
    <message>
        <source>集計</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>店舗</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>集計しています…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>集計できませんでした: {error}</source>
        <translation>Could not calculate: {error}</translation>
    </message>
    <message>
        <source>{start} 〜 {end} を集計しました</source>
        <translation>Figures for {start} to {end}</translation>
    </message>
    <message>
        <source>画像を保存</source>
        <translation>Save image</translation>
    </message>
    <message>
        <source>データを保存</source>
        <translation>Save data</translation>
    </message>
    <message>
        <source>保存しました: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>売上 &lt;b&gt;{sales}&lt;/b&gt;</source>
        <translation>Sales &lt;b&gt;{sales}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>来店 &lt;b&gt;{visits}回&lt;/b&gt;</source>
        <translation>Visits &lt;b&gt;{visits}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>平均購入単価 &lt;b&gt;{spend}&lt;/b&gt;</source>
        <translation>Average spend &lt;b&gt;{spend}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>顧客 &lt;b&gt;{total}人&lt;/b&gt;（新規 {new}人・来店 {active}人・休眠 {dormant}人）</source>
        <translation>Customers &lt;b&gt;{total}&lt;/b&gt; (new {new}, active {active}, dormant {dormant})</translation>
    </message>
    <message>
        <source>リピート率 &lt;b&gt;{rate}&lt;/b&gt;</source>
        <translation>Repeat rate &lt;b&gt;{rate}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ポイント残高 &lt;b&gt;{points}pt&lt;/b&gt;（{yen}）</source>
        <translation>Points outstanding &lt;b&gt;{points} pt&lt;/b&gt; ({yen})</translation>
    </message>
    <message>
        <source>見込み負担 &lt;b&gt;{yen}&lt;/b&gt;（推定・利用率 {rate}）</source>
        <translation>Expected cost &lt;b&gt;{yen}&lt;/b&gt; (estimate, redemption rate {rate})</translation>
    </message>
</context>
<context>
    <name>DashboardMenu</name>
    <message>
        <source>ダッシュボード…</source>
        <translation>Dashboard…</translation>
    </message>
</context>
<context>
    <name>DataMenu</name>
    <message>
        <source>取り込み（CSV・Excel）…</source>
        <translation>Import (CSV, Excel)…</translation>
    </message>
    <message>
        <source>書き出し…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>バックアップを作成</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>バックアップから復元…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>名寄せ（重複の統合）…</source>
        <translation>Merge duplicates…</translation>
    </message>
    <message>
        <source>毎日のバックアップを作成できませんでした</source>
        <translation>The daily backup could not be made</translation>
    </message>
    <message>
        <source>書き出し</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>バックアップを作成しています…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>バックアップを作成しました: {path}</source>
        <translation>Backup saved: {path}</translation>
    </message>
    <message>
        <source>バックアップに失敗しました: {error}</source>
        <translation>Backup failed: {error}</translation>
    </message>
    <message>
        <source>復元するバックアップ</source>
        <translation>Backup to restore</translation>
    </message>
    <message>
        <source>復元できません</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>バックアップから復元</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>現在のデータをこのバックアップで置き換えます（現在のファイルは保管されます）。よろしいですか？</source>
        <translation>Replace the current data with this backup? (The current file is kept.)</translation>
    </message>
    <message>
        <source>復元しました。置き換えたファイル: {path}</source>
        <translation>Restored. The replaced file was kept as: {path}</translation>
    </message>
</context>
<context>
    <name>DmFieldsPanel</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>連名・喪中・追加項目</source>
        <translation>Joint names, mourning, custom fields</translation>
    </message>
    <message>
        <source>1行に1人（例: 花子）</source>
        <translation>One per line (e.g. Hanako)</translation>
    </message>
    <message>
        <source>この日までDM・年賀状を送らない（例: 2027-01-15）</source>
        <translation>No mailings or New Year cards through this day (e.g. 2027-01-15)</translation>
    </message>
    <message>
        <source>連名</source>
        <translation>Joint names</translation>
    </message>
    <message>
        <source>喪中</source>
        <translation>In mourning until</translation>
    </message>
    <message>
        <source>はい</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>いいえ</source>
        <translation>No</translation>
    </message>
    <message>
        <source>顧客を保存すると入力できます</source>
        <translation>Save the customer first to fill these in</translation>
    </message>
    <message>
        <source>保存できませんでした</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>保存しました</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>DryRunPage</name>
    <message>
        <source>確認（まだ取り込んでいません）</source>
        <translation>Check (nothing imported yet)</translation>
    </message>
    <message>
        <source>取り込む</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>一致した項目</source>
        <translation>Matched on</translation>
    </message>
    <message>
        <source>重複の相手</source>
        <translation>Duplicate of</translation>
    </message>
    <message>
        <source>扱い</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>重複の疑いがある行（既定の扱い）</source>
        <translation>Possible duplicates (default action)</translation>
    </message>
    <message>
        <source>取り込めない行</source>
        <translation>Rows that cannot be imported</translation>
    </message>
    <message>
        <source>確認しています…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>新規 {created} 件、重複の疑い {dupes} 件、取り込めない行 {rejected} 行（全 {rows} 行）</source>
        <translation>{created} new, {dupes} possible duplicates, {rejected} rows rejected ({rows} rows in all)</translation>
    </message>
    <message>
        <source>・</source>
        <translation>, </translation>
    </message>
    <message>
        <source>このファイルの{0}行目</source>
        <translation>Row {0} of this file</translation>
    </message>
    <message>
        <source>登録済み 顧客番号 {0}</source>
        <translation>Existing customer no. {0}</translation>
    </message>
</context>
<context>
    <name>DupesDialog</name>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>名寄せ（重複した顧客の統合）</source>
        <translation>Merge duplicate customers</translation>
    </message>
    <message>
        <source>一致度</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>顧客A</source>
        <translation>Customer A</translation>
    </message>
    <message>
        <source>顧客B</source>
        <translation>Customer B</translation>
    </message>
    <message>
        <source>一致した項目</source>
        <translation>Matched on</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>A（残す）</source>
        <translation>A (kept)</translation>
    </message>
    <message>
        <source>B（統合される）</source>
        <translation>B (merged into A)</translation>
    </message>
    <message>
        <source>採用</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>探す</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>BをAに統合</source>
        <translation>Merge B into A</translation>
    </message>
    <message>
        <source>直前の統合を取り消す</source>
        <translation>Undo last merge</translation>
    </message>
    <message>
        <source>探しています…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>・</source>
        <translation>, </translation>
    </message>
    <message>
        <source>重複の疑い {0} 組</source>
        <translation>{0} possible duplicate pairs</translation>
    </message>
    <message>
        <source>重複の疑いはありません</source>
        <translation>No possible duplicates</translation>
    </message>
    <message>
        <source>統合できません</source>
        <translation>Cannot merge</translation>
    </message>
    <message>
        <source>{b} を {a} に統合しました（移した履歴 {moved} 件）</source>
        <translation>Merged {b} into {a} ({moved} history records moved)</translation>
    </message>
    <message>
        <source>取り消せません</source>
        <translation>Cannot undo</translation>
    </message>
    <message>
        <source>統合を取り消しました</source>
        <translation>Merge undone</translation>
    </message>
</context>
<context>
    <name>EmailCampaignDialog</name>
    <message>
        <source>メール配信</source>
        <translation>Email campaign</translation>
    </message>
    <message>
        <source>送付先を確認</source>
        <translation>Show recipients</translation>
    </message>
    <message>
        <source>差し込み項目を挿入…</source>
        <translation>Insert a merge field…</translation>
    </message>
    <message>
        <source>自分にテスト送信</source>
        <translation>Send a test to myself</translation>
    </message>
    <message>
        <source>送信</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>送信を中止</source>
        <translation>Stop sending</translation>
    </message>
    <message>
        <source>セグメント</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>本文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>記録名</source>
        <translation>Name (record)</translation>
    </message>
    <message>
        <source>プレビュー（宛先）</source>
        <translation>Preview (recipient)</translation>
    </message>
    <message>
        <source>エラー: {0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>送信 {sent}人 / 対象外 {excluded}人</source>
        <translation>Send to {sent} / excluded {excluded}</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>件名: {0}</source>
        <translation>Subject: {0}</translation>
    </message>
    <message>
        <source>テストメールを {0} に送りました</source>
        <translation>Test message sent to {0}</translation>
    </message>
    <message>
        <source>送信しています…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>中止しています（送信中の1通が終わるまで）…</source>
        <translation>Stopping (after the message on its way)…</translation>
    </message>
    <message>
        <source>送信 {sent}通、受け取り拒否 {refused}通、未送信 {pending}通</source>
        <translation>Sent {sent}, refused by the server {refused}, not sent {pending}</translation>
    </message>
    <message>
        <source>（1日の上限に達しました。残りは明日再開できます）</source>
        <translation> (the daily limit was reached: resume the rest tomorrow)</translation>
    </message>
    <message>
        <source>（残りは後で再開できます）</source>
        <translation> (the rest can be resumed later)</translation>
    </message>
</context>
<context>
    <name>EmailMenu</name>
    <message>
        <source>メール配信…</source>
        <translation>Email campaign…</translation>
    </message>
</context>
<context>
    <name>EmailServerPage</name>
    <message>
        <source>STARTTLS（おすすめ）</source>
        <translation>STARTTLS (recommended)</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>暗号化なし（このコンピューター上のサーバーのみ）</source>
        <translation>No encryption (a server on this computer only)</translation>
    </message>
    <message>
        <source>変更するときだけ入力</source>
        <translation>Only to change it</translation>
    </message>
    <message>
        <source>送信サーバー</source>
        <translation>Sending server</translation>
    </message>
    <message>
        <source>暗号化</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>ポート</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>ユーザー名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>差出人アドレス</source>
        <translation>From address</translation>
    </message>
    <message>
        <source>1日の送信上限（通）</source>
        <translation>Daily limit (messages)</translation>
    </message>
    <message>
        <source>1分あたりの送信数</source>
        <translation>Messages per minute</translation>
    </message>
    <message>
        <source>メール送信</source>
        <translation>Email</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>データベースのエラー</source>
        <translation>database error</translation>
    </message>
    <message>
        <source>エラー</source>
        <translation>error</translation>
    </message>
    <message>
        <source>{what}（{kind}: {reason}）</source>
        <translation>{what} ({kind}: {reason})</translation>
    </message>
    <message>
        <source>操作が完了しませんでした</source>
        <translation>The action did not complete</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>顧客</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>セグメントの顧客</source>
        <translation>Customers in a segment</translation>
    </message>
    <message>
        <source>購入履歴</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>問い合わせ</source>
        <translation>Inquiries</translation>
    </message>
    <message>
        <source>CSV（UTF-8・Excel向け）</source>
        <translation>CSV (UTF-8, for Excel)</translation>
    </message>
    <message>
        <source>CSV（Shift_JIS）</source>
        <translation>CSV (Shift_JIS)</translation>
    </message>
    <message>
        <source>Excel（xlsx）</source>
        <translation>Excel (xlsx)</translation>
    </message>
    <message>
        <source>書き出し</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>セグメント名</source>
        <translation>Segment name</translation>
    </message>
    <message>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>セグメント</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>形式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <source>書き出し先</source>
        <translation>Export to</translation>
    </message>
    <message>
        <source>書き出し先のファイルを指定してください</source>
        <translation>Choose the file to export to</translation>
    </message>
    <message>
        <source>{rows} 件を書き出しました: {path}</source>
        <translation>Exported {rows} rows: {path}</translation>
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
        <source>このファイルには{0}人の顧客がいます。
デモデータ（{1}人の架空の顧客）をこのファイルに追加しますか？</source>
        <translation>This file has {0} customers.
Add demo data ({1} fictitious customers) to it?</translation>
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
        <source>このファイルにはまだ顧客がいません。どう始めますか？

・デモデータ（{0}人の架空の顧客）で操作を試す
・新しいお店として空のまま始める
・ほかのファイルを開く
・お店のハブに参加して、ほかの店舗の顧客を受け取る</source>
        <translation>This file has no customers yet. How would you like to start?

• Try it out with demo data ({0} fictitious customers)
• Start as a new shop, empty
• Open another file
• Join your shop&apos;s hub and receive the other branches&apos; customers</translation>
    </message>
    <message>
        <source>デモデータで試す</source>
        <translation>Try with demo data</translation>
    </message>
    <message>
        <source>新しいお店として始める</source>
        <translation>Start as a new shop</translation>
    </message>
    <message>
        <source>ファイルを開く…</source>
        <translation>Open a file…</translation>
    </message>
    <message>
        <source>お店のハブに参加…</source>
        <translation>Join my shop&apos;s hub…</translation>
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
    <name>FilePage</name>
    <message>
        <source>取り込むファイル</source>
        <translation>File to import</translation>
    </message>
    <message>
        <source>CSV・TSV・Excel（xlsx）の顧客名簿を選んでください</source>
        <translation>Choose a customer list (CSV, TSV or Excel xlsx)</translation>
    </message>
    <message>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>文字コード</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <source>名簿ファイル</source>
        <translation>Customer list</translation>
    </message>
    <message>
        <source>名簿 (*.csv *.tsv *.txt *.xlsx);;*</source>
        <translation>Customer lists (*.csv *.tsv *.txt *.xlsx);;*</translation>
    </message>
    <message>
        <source>バックアップから復元</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>バックアップのファイル（crmdesk-日付-時刻-種類.sqlite3）を選んでください。使えるファイルか確かめてから、このパソコンのデータにします。</source>
        <translation>Choose a backup file (crmdesk-date-time-kind.sqlite3). It is checked first, then it becomes this computer&apos;s data.</translation>
    </message>
    <message>
        <source>バックアップ(&amp;K):</source>
        <translation>Bac&amp;kup:</translation>
    </message>
    <message>
        <source>データベースを開く</source>
        <translation>Open a database</translation>
    </message>
    <message>
        <source>crmdesk のデータベース（.sqlite3）を選んでください。次回からもこのファイルを開きます。</source>
        <translation>Choose a crmdesk database (.sqlite3). crmdesk opens this file from now on.</translation>
    </message>
    <message>
        <source>ファイル(&amp;L):</source>
        <translation>Fi&amp;le:</translation>
    </message>
    <message>
        <source>参照(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>バックアップを選ぶ</source>
        <translation>Choose a backup</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>crmdesk を始める</source>
        <translation>Start crmdesk</translation>
    </message>
    <message>
        <source>&lt; 戻る</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>次へ &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>始める</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>フォローアップ</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>{date}  今日のフォローアップ {today} 件・期限切れ {overdue} 件</source>
        <translation>{date}  {today} follow-ups due today, {overdue} overdue</translation>
    </message>
    <message>
        <source>{y}年{m}月{d}日</source>
        <translation>{y}-{m}-{d}</translation>
    </message>
    <message>
        <source>（担当未定）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>{name}: 未完了 {open} 件（うち期日到来 {due} 件）</source>
        <translation>{name}: {open} open ({due} due)</translation>
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
        <source>カードのスキャン</source>
        <translation>A card scan</translation>
    </message>
    <message>
        <source>どこにいても、そのカードのお客様を開いて金額入力へ</source>
        <translation>Wherever you are: opens that card&apos;s customer, ready for the amount</translation>
    </message>
    <message>
        <source>お会計（カードの金額入力へ）</source>
        <translation>Checkout (to the card&apos;s amount field)</translation>
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
</context>
<context>
    <name>IdleLockPage</name>
    <message>
        <source> 分</source>
        <translation> min</translation>
    </message>
    <message>
        <source>操作がないとロックするまで</source>
        <translation>Lock after no use for</translation>
    </message>
    <message>
        <source>0 分: ロックしません。スタッフが登録されているときだけ働きます。</source>
        <translation>0 min: never lock. Works only when staff accounts exist.</translation>
    </message>
</context>
<context>
    <name>ImportNotes</name>
    <message>
        <source>フリガナのない {count} 件は読みを自動で補います（取り込み後に確認してください）</source>
        <translation>{count} rows without furigana get a suggested reading (please check them after the import)</translation>
    </message>
    <message>
        <source>数値として保存されていた電話番号・郵便番号 {count} 件の先頭の0を補います</source>
        <translation>{count} phone numbers or postal codes stored as numbers get their leading 0 back</translation>
    </message>
    <message>
        <source>取り込まない列: {columns}（必要なら項目の対応を選んでください）</source>
        <translation>Columns not imported: {columns} (choose a field for them if needed)</translation>
    </message>
    <message>
        <source>このファイルは取り込み済みです。今回は何も取り込んでいません</source>
        <translation>This file was already imported: nothing was imported this time</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>自動判定</source>
        <translation>Detect</translation>
    </message>
    <message>
        <source>取り込まない</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>統合する（空欄を補う）</source>
        <translation>Merge (fill empty fields)</translation>
    </message>
    <message>
        <source>別人として取り込む</source>
        <translation>Import as a different person</translation>
    </message>
    <message>
        <source>（取り込まない）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>顧客番号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>氏名・フリガナ・生年月日</source>
        <translation>Name, kana and birthday</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>顧客名簿の取り込み</source>
        <translation>Import customers</translation>
    </message>
    <message>
        <source>次へ</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>戻る</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>エラー: {0}</source>
        <translation>Error: {0}</translation>
    </message>
</context>
<context>
    <name>InquiryCategoriesDialog</name>
    <message>
        <source>問い合わせの分類</source>
        <translation>Inquiry categories</translation>
    </message>
    <message>
        <source>分類の名前</source>
        <translation>Category name</translation>
    </message>
    <message>
        <source>名前(&amp;N):</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>分類(&amp;L):</source>
        <translation>Cate&amp;gories:</translation>
    </message>
    <message>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>名前を変更(&amp;R)</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>使用をやめる(&amp;D)</source>
        <translation>Re&amp;tire</translation>
    </message>
    <message>
        <source>上へ(&amp;U)</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>下へ(&amp;W)</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <source>Ctrl+↑</source>
        <translation>Ctrl+↑</translation>
    </message>
    <message>
        <source>Ctrl+↓</source>
        <translation>Ctrl+↓</translation>
    </message>
    <message>
        <source>{name}（使用終了）</source>
        <translation>{name} (retired)</translation>
    </message>
    <message>
        <source>使用を再開(&amp;D)</source>
        <translation>Rest&amp;ore</translation>
    </message>
    <message>
        <source>分類を変更できるのはオーナーだけです。</source>
        <translation>Only the owner can change the categories.</translation>
    </message>
    <message>
        <source>使用をやめた分類は新しい問い合わせに出ません（記録済みのものはそのまま）。</source>
        <translation>Retired categories are not offered for new inquiries (inquiries already logged keep theirs).</translation>
    </message>
</context>
<context>
    <name>InquiryDialog</name>
    <message>
        <source>問い合わせ</source>
        <translation>Inquiry</translation>
    </message>
    <message>
        <source>問い合わせを記録</source>
        <translation>Log inquiry</translation>
    </message>
    <message>
        <source>お名前（わかる範囲で）</source>
        <translation>Name (as far as known)</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>件名（空なら内容の1行目）</source>
        <translation>Subject (first line of the message if empty)</translation>
    </message>
    <message>
        <source>お問い合わせの内容</source>
        <translation>What the customer asked</translation>
    </message>
    <message>
        <source>例: 2026-11-30、+3、明日</source>
        <translation>e.g. 2026-11-30, +3, tomorrow</translation>
    </message>
    <message>
        <source>顧客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>お名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>フォローアップ日</source>
        <translation>Follow up on</translation>
    </message>
    <message>
        <source>分類</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>受付方法</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>優先度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>この方かもしれない顧客</source>
        <translation>Possibly this customer</translation>
    </message>
    <message>
        <source>この顧客に紐付ける</source>
        <translation>Link to this customer</translation>
    </message>
    <message>
        <source>対応メモ</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>対応メモを追加（Enter）</source>
        <translation>Add a note (Enter)</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>保存 (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（未分類）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <source>（未定）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>未登録のお客様（あとで顧客に紐付けできます）</source>
        <translation>Caller not on file (can be linked to a customer later)</translation>
    </message>
    <message>
        <source>{number} {name}（{kana}） {phones}</source>
        <translation>{number} {name} ({kana}) {phones}</translation>
    </message>
</context>
<context>
    <name>InquiryMenu</name>
    <message>
        <source>問い合わせを保存しました</source>
        <translation>Inquiry saved</translation>
    </message>
    <message>
        <source>流入経路別の広告費</source>
        <translation>Spend per channel</translation>
    </message>
    <message>
        <source>問い合わせの分類を保存しました</source>
        <translation>Inquiry categories saved</translation>
    </message>
    <message>
        <source>フォローアップ: 今日 {today} 件・期限切れ {overdue} 件</source>
        <translation>Follow-ups: {today} due today, {overdue} overdue</translation>
    </message>
    <message>
        <source>一覧を開く</source>
        <translation>Open the list</translation>
    </message>
    <message>
        <source>問い合わせを記録…</source>
        <translation>Log inquiry…</translation>
    </message>
    <message>
        <source>フォローアップ…</source>
        <translation>Follow-ups…</translation>
    </message>
    <message>
        <source>問い合わせの分類…</source>
        <translation>Inquiry categories…</translation>
    </message>
    <message>
        <source>流入経路…</source>
        <translation>Acquisition channels…</translation>
    </message>
    <message>
        <source>流入経路別の広告費…</source>
        <translation>Spend per channel…</translation>
    </message>
</context>
<context>
    <name>InquiryTableModel</name>
    <message>
        <source>フォローアップ</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>優先度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>顧客・お客様</source>
        <translation>Customer / caller</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>担当</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>受付</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>（{0}日超過）</source>
        <translation> ({0} days late)</translation>
    </message>
    <message>
        <source>（今日）</source>
        <translation> (today)</translation>
    </message>
    <message>
        <source>{0}（未登録）</source>
        <translation>{0} (not on file)</translation>
    </message>
</context>
<context>
    <name>JoinProgress</name>
    <message>
        <source>残り時間を計算しています…</source>
        <translation>Working out the time left…</translation>
    </message>
    <message>
        <source>残り約{0}秒</source>
        <translation>About {0} s left</translation>
    </message>
    <message>
        <source>残り約{0}分</source>
        <translation>About {0} min left</translation>
    </message>
    <message>
        <source>残り約{0}時間{1}分</source>
        <translation>About {0} h {1} min left</translation>
    </message>
    <message>
        <source>ハブへ送信しています</source>
        <translation>Sending to the hub</translation>
    </message>
    <message>
        <source>ハブから受信しています</source>
        <translation>Receiving from the hub</translation>
    </message>
    <message>
        <source>準備しています</source>
        <translation>Preparing</translation>
    </message>
    <message>
        <source>店舗間同期に参加</source>
        <translation>Join branch sync</translation>
    </message>
    <message>
        <source>ハブに接続しています…</source>
        <translation>Connecting to the hub…</translation>
    </message>
    <message>
        <source>中断しています…（ページの区切りで止まります）</source>
        <translation>Stopping… (at the end of the current page)</translation>
    </message>
</context>
<context>
    <name>LayoutEditorDialog</name>
    <message>
        <source>新しいラベル用紙</source>
        <translation>New label sheet</translation>
    </message>
    <message>
        <source>その他（幅×高さを入力）</source>
        <translation>Other (enter width × height)</translation>
    </message>
    <message>
        <source>用紙コード（英小文字・数字・-）</source>
        <translation>Sheet code (a-z, 0-9, -)</translation>
    </message>
    <message>
        <source>メーカー</source>
        <translation>Maker</translation>
    </message>
    <message>
        <source>品番</source>
        <translation>Product code</translation>
    </message>
    <message>
        <source>用紙</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>用紙の幅</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>用紙の高さ</source>
        <translation>Paper height</translation>
    </message>
    <message>
        <source>列数（横に並ぶ枚数）</source>
        <translation>Columns (labels across)</translation>
    </message>
    <message>
        <source>行数（縦に並ぶ枚数）</source>
        <translation>Rows (labels down)</translation>
    </message>
    <message>
        <source>ラベルの幅</source>
        <translation>Label width</translation>
    </message>
    <message>
        <source>ラベルの高さ</source>
        <translation>Label height</translation>
    </message>
    <message>
        <source>左余白（1枚目の左端）</source>
        <translation>Left margin (first label&apos;s left edge)</translation>
    </message>
    <message>
        <source>上余白（1枚目の上端）</source>
        <translation>Top margin (first label&apos;s top edge)</translation>
    </message>
    <message>
        <source>横方向のピッチ</source>
        <translation>Horizontal pitch</translation>
    </message>
    <message>
        <source>縦方向のピッチ</source>
        <translation>Vertical pitch</translation>
    </message>
    <message>
        <source>角の丸み（半径）</source>
        <translation>Corner radius</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>自作</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>店主が実測（{0}）</source>
        <translation>Measured by the owner ({0})</translation>
    </message>
    <message>
        <source>{cols}列×{rows}行＝{count}面。用紙に収まります</source>
        <translation>{cols} × {rows} = {count} labels. They fit the paper</translation>
    </message>
    <message>
        <source>保存できませんでした: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>MailingWizard</name>
    <message>
        <source>DM作成</source>
        <translation>New mailing</translation>
    </message>
    <message>
        <source>戻る</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>次へ</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>セグメントがありません。先にセグメントを作成してください</source>
        <translation>There are no segments. Create a segment first</translation>
    </message>
    <message>
        <source>送付先を確認しています…</source>
        <translation>Checking recipients…</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>PDFを作成しています…</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <source>{0}ページのPDFができました。印刷するか保存してください</source>
        <translation>PDF ready ({0} pages). Print or save it</translation>
    </message>
    <message>
        <source>エラー: {0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <source>（比較グループの{0}人には送りません）</source>
        <translation> ({0} people in the control group get nothing)</translation>
    </message>
    <message>
        <source>PDFを保存</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>保存しました: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>住所表示番号（丁目・番地）のない{count}人にはカスタマバーコードを印刷していません: {who}</source>
        <translation>{count} addresses have no address number (丁目・番地) and got no customer barcode: {who}</translation>
    </message>
</context>
<context>
    <name>MailingsMenu</name>
    <message>
        <source>セグメント作成…</source>
        <translation>New segment…</translation>
    </message>
    <message>
        <source>保存したセグメントを開く…</source>
        <translation>Open a saved segment…</translation>
    </message>
    <message>
        <source>DM作成（宛名ラベル・はがき）…</source>
        <translation>New mailing (labels, postcards)…</translation>
    </message>
    <message>
        <source>新しいラベル用紙…</source>
        <translation>New label sheet…</translation>
    </message>
    <message>
        <source>DMの反応…</source>
        <translation>Mailing responses…</translation>
    </message>
    <message>
        <source>セグメントを保存しました</source>
        <translation>Segment saved</translation>
    </message>
    <message>
        <source>保存したセグメントはありません</source>
        <translation>There are no saved segments</translation>
    </message>
    <message>
        <source>セグメントを開く</source>
        <translation>Open segment</translation>
    </message>
    <message>
        <source>セグメント:</source>
        <translation>Segment:</translation>
    </message>
    <message>
        <source>新しいラベル用紙</source>
        <translation>New label sheet</translation>
    </message>
    <message>
        <source>ラベル用紙「{0}」を登録しました</source>
        <translation>Label sheet {0} added</translation>
    </message>
</context>
<context>
    <name>MailingsPanel</name>
    <message>
        <source>送付日</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>DM</source>
        <translation>Mailings</translation>
    </message>
    <message>
        <source>30日以内の来店</source>
        <translation>Visit within 30 days</translation>
    </message>
    <message>
        <source>売上</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>あり</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>No</translation>
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
        <source>ファイルを開いています…（入力した検索は開き終わるとすぐ表示します）</source>
        <extracomment>Emitted after :attr:`db` changed (start-up, File &gt; Open), for features that follow it. another program replaced the database file (a restore): emitted from any thread</extracomment>
        <translation>Opening the file… (a search typed now shows as soon as it is open)</translation>
    </message>
    <message>
        <source>{0}件以上見つかりました（他 {1} 件以上）</source>
        <translation>{0}+ customers found ({1}+ more below)</translation>
    </message>
    <message>
        <source>{0}件見つかりました（他 {1} 件）</source>
        <translation>{0} customers found ({1} more below)</translation>
    </message>
    <message>
        <source>同期: 未設定</source>
        <translation>Sync: off</translation>
    </message>
    <message>
        <source>データベースのファイルが別のプログラムで置き換えられました（復元など）。置き換えられた後の内容を表示しています</source>
        <translation>The database file was replaced by another program (a restore?). The window now shows the file as it is now</translation>
    </message>
    <message>
        <source>顧客 {0}人</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <source>一覧・検索を表示できませんでした</source>
        <translation>Could not show the list or search results</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>列の割り当て</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>1行目で各列の取り込み先を選べます（見出しから推定済み）</source>
        <translation>Choose in the first row where each column goes (guessed from the headings)</translation>
    </message>
    <message>
        <source>（シート {0}）</source>
        <translation> (sheet {0})</translation>
    </message>
    <message>
        <source>文字コード: {encoding}{sheet}&#x3000;データ {rows} 行</source>
        <translation>Encoding: {encoding}{sheet}   {rows} data rows</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>閉じる (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>ファイルをこのバージョンの形式に更新しています…
先にバックアップを作ります。大きなファイルでは数分かかります。</source>
        <extracomment>How long a file may take to open before the small window saying so shows.</extracomment>
        <translation>Updating the file to this version&apos;s format…
A backup is made first. A large file takes a few minutes.</translation>
    </message>
    <message>
        <source>ファイルを開いています…</source>
        <translation>Opening the file…</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>宛名ラベル</source>
        <translation>Address labels</translation>
    </message>
    <message>
        <source>はがき（宛名面）</source>
        <translation>Postcards (address side)</translation>
    </message>
    <message>
        <source>枠線を印刷（試し刷り）</source>
        <translation>Print outlines (test print)</translation>
    </message>
    <message>
        <source>顧客番号を印刷</source>
        <translation>Print customer number</translation>
    </message>
    <message>
        <source>カスタマバーコードを印刷</source>
        <translation>Print the customer barcode (Japan Post)</translation>
    </message>
    <message>
        <source>日本郵便の割引に使うバーコードを住所の下に印刷します（郵便番号と住所表示番号から）</source>
        <translation>Prints Japan Post&apos;s customer barcode under the address, for the bulk-mail discount (from the postal code and the address number)</translation>
    </message>
    <message>
        <source>なし（全員に送る）</source>
        <translation>None (mail everyone)</translation>
    </message>
    <message>
        <source>無作為に選んだ一部のお客様には送らず、送った方との来店の差でDMの効果を測ります（おすすめ 10%）</source>
        <translation>A random share of the customers gets nothing; the difference in visits against those mailed measures the mailing&apos;s effect (10% recommended)</translation>
    </message>
    <message>
        <source> 円</source>
        <translation> yen</translation>
    </message>
    <message>
        <source>{year}年{month}月 DM</source>
        <translation>Mailing {year}-{month}</translation>
    </message>
    <message>
        <source>PDFを作成</source>
        <translation>Make PDF</translation>
    </message>
    <message>
        <source>新しい用紙…</source>
        <translation>New sheet…</translation>
    </message>
    <message>
        <source>位置合わせ用の試し印刷…</source>
        <translation>Calibration test print…</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>ラベル用紙</source>
        <translation>Label sheet</translation>
    </message>
    <message>
        <source>開始位置（何枚目のラベルから）</source>
        <translation>Start at label no.</translation>
    </message>
    <message>
        <source>印刷位置の補正 横</source>
        <translation>Print offset, horizontal</translation>
    </message>
    <message>
        <source>印刷位置の補正 縦</source>
        <translation>Print offset, vertical</translation>
    </message>
    <message>
        <source>DMの名前（記録）</source>
        <translation>Mailing name (for the record)</translation>
    </message>
    <message>
        <source>比較グループ（送らない割合）</source>
        <translation>Control group (share not mailed)</translation>
    </message>
    <message>
        <source>1通あたりの費用（郵送・印刷）</source>
        <translation>Cost per piece (postage and print)</translation>
    </message>
</context>
<context>
    <name>OutlookPanel</name>
    <message>
        <source>1%未満</source>
        <translation>under 1%</translation>
    </message>
    <message>
        <source>来店の見込み</source>
        <translation>Visit outlook</translation>
    </message>
    <message>
        <source>来店の記録がまだないため、見込みはありません。</source>
        <translation>No visits recorded yet, so no outlook.</translation>
    </message>
    <message>
        <source>最終来店 {day}</source>
        <translation>Last visit {day}</translation>
    </message>
    <message>
        <source>お店の来店記録がまだ少ないため、見込みは計算していません（RFMで表示しています）。</source>
        <translation>The shop has too little visit history for estimates yet (RFM is shown instead).</translation>
    </message>
    <message>
        <source>まだ来店してくださる見込み: &lt;b&gt;{p}&lt;/b&gt;</source>
        <translation>Chance she is still a customer: &lt;b&gt;{p}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>今後90日の来店: &lt;b&gt;約{n}回&lt;/b&gt;</source>
        <translation>Visits in the next 90 days: &lt;b&gt;about {n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>今後90日のお買い上げ: &lt;b&gt;約{spend}&lt;/b&gt;</source>
        <translation>Spend in the next 90 days: &lt;b&gt;about {spend}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>これは過去の来店から計算した推定値です（{day}時点、BG/NBD・Gamma-Gammaモデル）。</source>
        <translation>These are estimates from past visits (as of {day}; BG/NBD and Gamma-Gamma models).</translation>
    </message>
    <message>
        <source>90日で約{n}回（推定）</source>
        <translation>about {n} visits in 90 days (estimate)</translation>
    </message>
</context>
<context>
    <name>PointRulesDialog</name>
    <message>
        <source>獲得日から</source>
        <translation>From the day earned</translation>
    </message>
    <message>
        <source>最終来店日から</source>
        <translation>From the last visit</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>ポイントのルール</source>
        <translation>Point rules</translation>
    </message>
    <message>
        <source> 円ごとに</source>
        <translation> yen spent</translation>
    </message>
    <message>
        <source> 円</source>
        <translation> yen</translation>
    </message>
    <message>
        <source>ポイント利用後の支払額に付与する</source>
        <translation>Earn on the amount paid after points</translation>
    </message>
    <message>
        <source> か月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>付与</source>
        <translation>Earn for every</translation>
    </message>
    <message>
        <source>付与ポイント</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>1ポイントの価値</source>
        <translation>Value of 1 point</translation>
    </message>
    <message>
        <source>最低利用ポイント</source>
        <translation>Minimum redemption</translation>
    </message>
    <message>
        <source>有効期限</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>有効期間</source>
        <translation>Valid for</translation>
    </message>
    <message>
        <source>ランク集計期間</source>
        <translation>Rank period</translation>
    </message>
    <message>
        <source>誕生月の倍率</source>
        <translation>Birthday month multiplier</translation>
    </message>
    <message>
        <source>ランク（名前 必要額 倍率）</source>
        <translation>Ranks (name, spend, multiplier)</translation>
    </message>
    <message>
        <source>キャンペーン日（日付 倍率）</source>
        <translation>Campaign days (date, multiplier)</translation>
    </message>
    <message>
        <source>ランクまたはキャンペーン日の行が読み取れません（例: ゴールド 150000 1.5）</source>
        <translation>A rank or campaign day line cannot be read (e.g. Gold 150000 1.5)</translation>
    </message>
</context>
<context>
    <name>PointsMenu</name>
    <message>
        <source>ポイントカードを発行…</source>
        <translation>Issue point card…</translation>
    </message>
    <message>
        <source>カード紛失・再発行…</source>
        <translation>Card lost, reissue…</translation>
    </message>
    <message>
        <source>カードの使用終了…</source>
        <translation>Retire card…</translation>
    </message>
    <message>
        <source>お買い上げの取り消し…</source>
        <translation>Void a purchase…</translation>
    </message>
    <message>
        <source>ポイントの調整…</source>
        <translation>Adjust points…</translation>
    </message>
    <message>
        <source>お会計（金額入力へ）</source>
        <translation>Checkout (go to amount)</translation>
    </message>
    <message>
        <source>ポイントのルール…</source>
        <translation>Point rules…</translation>
    </message>
    <message>
        <source>ポイントカード</source>
        <translation>Point card</translation>
    </message>
    <message>
        <source>ポイントカードを発行</source>
        <translation>Issue point card</translation>
    </message>
    <message>
        <source>カード番号（空欄なら店の次の番号）</source>
        <translation>Card number (empty: the shop&apos;s next number)</translation>
    </message>
    <message>
        <source>カード {card} を発行しました</source>
        <translation>Card {card} issued</translation>
    </message>
    <message>
        <source>カード紛失・再発行</source>
        <translation>Card lost, reissue</translation>
    </message>
    <message>
        <source>紛失したカード {card} の代わりのカード番号（空欄なら店の次の番号）</source>
        <translation>New card number to replace lost card {card} (empty: the shop&apos;s next number)</translation>
    </message>
    <message>
        <source>新しいカード {card} に {points} pt を移しました</source>
        <translation>{points} pt moved to the new card {card}</translation>
    </message>
    <message>
        <source>カードの使用終了</source>
        <translation>Retire card</translation>
    </message>
    <message>
        <source>カード {card} の使用を終了しますか？（ポイントは残ります）</source>
        <translation>Retire card {card}? (The points stay with the customer.)</translation>
    </message>
    <message>
        <source>カード {card} の使用を終了しました</source>
        <translation>Card {card} retired</translation>
    </message>
    <message>
        <source>取り消しました（{taken} pt 回収、{given} pt 返却）</source>
        <translation>Voided ({taken} pt taken back, {given} pt returned)</translation>
    </message>
    <message>
        <source>ポイントを調整しました（{points} pt、残高 {balance} pt）</source>
        <translation>Points adjusted ({points} pt, balance {balance} pt)</translation>
    </message>
    <message>
        <source>ポイントのルールを保存しました</source>
        <translation>Point rules saved</translation>
    </message>
    <message>
        <source>ポイントの失効</source>
        <translation>Expiring points</translation>
    </message>
    <message>
        <source>有効期限切れのポイント {points} pt を失効しました</source>
        <translation>{points} pt past their expiry date expired</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>ポイントとオーナー</source>
        <translation>Points and owner</translation>
    </message>
    <message>
        <source>どちらも、あとで設定から変えられます。</source>
        <translation>Both can be changed later in the settings.</translation>
    </message>
    <message>
        <source>ポイントの付け方</source>
        <translation>How customers earn points</translation>
    </message>
    <message>
        <source>100円ごとに1ポイント、有効期限は付与から12か月(&amp;1)</source>
        <translation>1 point per ¥100, valid for 12 months after earning (&amp;1)</translation>
    </message>
    <message>
        <source>200円ごとに1ポイント、有効期限は付与から12か月(&amp;2)</source>
        <translation>1 point per ¥200, valid for 12 months after earning (&amp;2)</translation>
    </message>
    <message>
        <source>100円ごとに1ポイント、期限なし(&amp;3)</source>
        <translation>1 point per ¥100, points never expire (&amp;3)</translation>
    </message>
    <message>
        <source>オーナーの暗証番号（任意）</source>
        <translation>Owner&apos;s PIN (optional)</translation>
    </message>
    <message>
        <source>設定すると、起動時に暗証番号でサインインします。空のままなら、だれでもオーナーとして使えます。暗証番号は4〜8桁の数字です。</source>
        <translation>With a PIN, crmdesk asks for it to sign in at start. Left empty, everyone works as the owner. A PIN is 4 to 8 digits.</translation>
    </message>
    <message>
        <source>オーナーの名前(&amp;M):</source>
        <translation>Owner&apos;s na&amp;me:</translation>
    </message>
    <message>
        <source>暗証番号(&amp;I):</source>
        <translation>P&amp;IN:</translation>
    </message>
    <message>
        <source>もう一度(&amp;G):</source>
        <translation>PIN a&amp;gain:</translation>
    </message>
    <message>
        <source>オーナーの名前を入力してください</source>
        <translation>Enter the owner&apos;s name</translation>
    </message>
    <message>
        <source>暗証番号は4〜8桁の数字で入力してください</source>
        <translation>A PIN is 4 to 8 digits</translation>
    </message>
    <message>
        <source>暗証番号が一致しません。もう一度入力してください</source>
        <translation>The two PINs differ. Please enter them again</translation>
    </message>
</context>
<context>
    <name>PointsPanel</name>
    <message>
        <source>付与</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>利用</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>失効</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>ボーナス</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>調整</source>
        <translation>Adjusted</translation>
    </message>
    <message>
        <source>移行</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>ポイント・お買い上げ</source>
        <translation>Points and purchases</translation>
    </message>
    <message>
        <source>カード番号（スキャン）</source>
        <translation>Card number (scan)</translation>
    </message>
    <message>
        <source>金額（円）</source>
        <translation>Amount (yen)</translation>
    </message>
    <message>
        <source>利用ポイント</source>
        <translation>Points to use</translation>
    </message>
    <message>
        <source>確定 (Enter)</source>
        <translation>Confirm (Enter)</translation>
    </message>
    <message>
        <source>カード</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>ポイント利用</source>
        <translation>Use points</translation>
    </message>
    <message>
        <source>発行する (Enter)</source>
        <translation>Issue (Enter)</translation>
    </message>
    <message>
        <source>やめる (Esc)</source>
        <translation>Don&apos;t issue (Esc)</translation>
    </message>
    <message>
        <source>ポイント残高</source>
        <translation>Point balance</translation>
    </message>
    <message>
        <source>ランク</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>次のランクまで</source>
        <translation>To next rank</translation>
    </message>
    <message>
        <source>まもなく失効</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date/time</translation>
    </message>
    <message>
        <source>ポイント</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>残高</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>有効期限</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>お買い上げ履歴</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>ポイント履歴</source>
        <translation>Point history</translation>
    </message>
    <message>
        <source>カード番号 {number} は未登録です。この顧客に発行しますか？</source>
        <translation>Card {number} is not registered. Issue it to this customer?</translation>
    </message>
    <message>
        <source>カード {card} を発行しました</source>
        <translation>Card {card} issued</translation>
    </message>
    <message>
        <source>お買い上げは記録されていません</source>
        <translation>The purchase was NOT recorded</translation>
    </message>
    <message>
        <source>付与 {earned} pt ／ 利用 {redeemed} pt ／ 残高 {balance} pt（お支払い {paid} 円）</source>
        <translation>Earned {earned} pt / used {redeemed} pt / balance {balance} pt (paid ¥{paid})</translation>
    </message>
    <message>
        <source>{rank}（×{multiplier}）</source>
        <translation>{rank} (×{multiplier})</translation>
    </message>
    <message>
        <source>最上位ランクです</source>
        <translation>Top rank</translation>
    </message>
    <message>
        <source>{rank}まであと {amount} 円（過去{months}か月 {spend} 円）</source>
        <translation>¥{amount} more to {rank} (¥{spend} in the last {months} months)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{date}まで {points} pt</source>
        <translation>{points} pt until {date}</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>{count} 件&#x3000;合計 {total} 円（取消を除く）</source>
        <translation>{count} purchases, total ¥{total} (voids excluded)</translation>
    </message>
    <message>
        <source>{amount} 円</source>
        <translation>¥{amount}</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Voided</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>PDFを保存…</source>
        <translation>Save PDF…</translation>
    </message>
</context>
<context>
    <name>ReadyPage</name>
    <message>
        <source>お店のハブに参加</source>
        <translation>Join my shop&apos;s hub</translation>
    </message>
    <message>
        <source>「始める」で、このパソコンのデータベースを作り、店舗間同期の設定を開きます。ハブのアドレス・ユーザー名・パスワードと、この店舗を選んで「参加」を押してください。

データベース: {0}</source>
        <translation>Start creates this computer&apos;s database and opens the branch sync settings. Enter the hub&apos;s address, user name and password, choose this branch and press Join.

Database: {0}</translation>
    </message>
    <message>
        <source>デモデータで試す</source>
        <translation>Try it with demo data</translation>
    </message>
    <message>
        <source>「始める」で、このパソコンのデータベースを作り、架空の顧客500人とそのお買い上げ・問い合わせを読み込みます。本番に使うときは、ファイル &gt; 新しいデータベース で別のファイルを作ってください。

データベース: {0}</source>
        <translation>Start creates this computer&apos;s database and loads 500 fictitious customers with their purchases and inquiries. For real work, make another file with File &gt; New database.

Database: {0}</translation>
    </message>
</context>
<context>
    <name>RecipientsPage</name>
    <message>
        <source>1世帯に1通</source>
        <translation>One per household</translation>
    </message>
    <message>
        <source>同じ住所の方は1枚に連名で印刷します</source>
        <translation>People at one address get one label with all their names</translation>
    </message>
    <message>
        <source>郵便番号順</source>
        <translation>By postal code</translation>
    </message>
    <message>
        <source>送付先を確認</source>
        <translation>Show recipients</translation>
    </message>
    <message>
        <source>セグメント</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>送付先を確認しています</source>
        <translation>Checking recipients</translation>
    </message>
    <message>
        <source>顧客番号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>郵便番号</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>対象外の理由</source>
        <translation>Why excluded</translation>
    </message>
    <message>
        <source>送付先</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>対象外</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{reason} {count}人</source>
        <translation>{reason}: {count}</translation>
    </message>
    <message>
        <source>送付 {sent}人 / 対象外 {excluded}人</source>
        <translation>{sent} recipients / {excluded} excluded</translation>
    </message>
    <message>
        <source>（{pieces}通、連名 {joint}人）</source>
        <translation> ({pieces} pieces, {joint} as joint names)</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>（連名: {0}）</source>
        <translation> (with {0})</translation>
    </message>
    <message>
        <source>（{0}と同一）</source>
        <translation> (same as {0})</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>取り込み</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>中断</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>取り込んでいます…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>取り込み完了: 新規 {created} 件、統合 {merged} 件、重複で省略 {skipped} 件、取り込めない行 {rejected} 行</source>
        <translation>Import done: {created} new, {merged} merged, {skipped} skipped as duplicates, {rejected} rows rejected</translation>
    </message>
    <message>
        <source>取り込めない行の一覧: {0}</source>
        <translation>Rejected rows: {0}</translation>
    </message>
    <message>
        <source>中断しました。取り込み済みの分は保存されています。同じファイルをもう一度取り込むと続きから再開します。</source>
        <translation>Stopped. The rows imported so far are saved. Import the same file again to continue where it stopped.</translation>
    </message>
</context>
<context>
    <name>SaveGuard</name>
    <message>
        <source>上書きの確認</source>
        <translation>Replace the file?</translation>
    </message>
    <message>
        <source>{name} はすでにあります。置き換えますか？</source>
        <translation>{name} already exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>SegmentBuilder</name>
    <message>
        <source>より前</source>
        <translation>before</translation>
    </message>
    <message>
        <source>以降</source>
        <translation>on or after</translation>
    </message>
    <message>
        <source>以内に来店あり</source>
        <translation>visited within</translation>
    </message>
    <message>
        <source>来店なし（期間）</source>
        <translation>no visit within</translation>
    </message>
    <message>
        <source>＝</source>
        <translation>=</translation>
    </message>
    <message>
        <source>≠</source>
        <translation>≠</translation>
    </message>
    <message>
        <source>＞</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <source>≧</source>
        <translation>≥</translation>
    </message>
    <message>
        <source>＜</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <source>≦</source>
        <translation>≤</translation>
    </message>
    <message>
        <source>範囲（a-b）</source>
        <translation>between (a-b)</translation>
    </message>
    <message>
        <source>いずれか</source>
        <translation>is one of</translation>
    </message>
    <message>
        <source>を含む</source>
        <translation>contains</translation>
    </message>
    <message>
        <source>で始まる</source>
        <translation>starts with</translation>
    </message>
    <message>
        <source>いずれかあり</source>
        <translation>has any of</translation>
    </message>
    <message>
        <source>すべてあり</source>
        <translation>has all of</translation>
    </message>
    <message>
        <source>どれもなし</source>
        <translation>has none of</translation>
    </message>
    <message>
        <source>である</source>
        <translation>is</translation>
    </message>
    <message>
        <source>でない</source>
        <translation>is not</translation>
    </message>
    <message>
        <source>例: 3</source>
        <translation>e.g. 3</translation>
    </message>
    <message>
        <source>例: 20-39</source>
        <translation>e.g. 20-39</translation>
    </message>
    <message>
        <source>例: 2026-05-01</source>
        <translation>e.g. 2026-05-01</translation>
    </message>
    <message>
        <source>例: 6m（6か月）、30d、1y</source>
        <translation>e.g. 6m (6 months), 30d, 1y</translation>
    </message>
    <message>
        <source>例: 優良顧客, 常連顧客（best, loyal）</source>
        <translation>e.g. best, loyal</translation>
    </message>
    <message>
        <source>例: 12、来月、今月</source>
        <translation>e.g. 12, next month, this month</translation>
    </message>
    <message>
        <source>例: female, male</source>
        <translation>e.g. female, male</translation>
    </message>
    <message>
        <source>例: VIP, 常連</source>
        <translation>e.g. VIP, regular</translation>
    </message>
    <message>
        <source>例: 100</source>
        <translation>e.g. 100</translation>
    </message>
    <message>
        <source>はい / いいえ</source>
        <translation>yes / no</translation>
    </message>
    <message>
        <source>例: チラシ, Web（流入経路の名前）</source>
        <extracomment>Hints of fields whose values are not what their kind&apos;s hint suggests.</extracomment>
        <translation>e.g. Flyer, Web (channel names)</translation>
    </message>
    <message>
        <source>市区町村</source>
        <translation>City</translation>
    </message>
    <message>
        <source>タグ</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Gender</translation>
    </message>
</context>
<context>
    <name>SegmentBuilderDialog</name>
    <message>
        <source>セグメント</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>説明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>条件のまとめ方</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>該当する顧客:</source>
        <translation>Matching customers:</translation>
    </message>
    <message>
        <source>{0}：条件を追加、{1}：グループを追加</source>
        <translation>{0}: add condition, {1}: add group</translation>
    </message>
    <message>
        <source>—（条件の値を入力すると数えます）</source>
        <translation>— (counted once the condition has a value)</translation>
    </message>
    <message>
        <source>{0}人</source>
        <translation>{0}</translation>
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
        <extracomment>Where crmdesk before the database home kept the shop&apos;s name; read once, then removed. A later feature&apos;s settings page: (tab title, factory making the page). The page reads its values when made; if it has a ``save()`` method, OK calls it, and a page whose ``save()`` returns False (it shows why) keeps the dialog open on that page. A line edit on the page named ``shop_name`` shows the same shop name as the General tab.</extracomment>
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
<context>
    <name>ShopPage</name>
    <message>
        <source>新しいお店</source>
        <translation>New shop</translation>
    </message>
    <message>
        <source>店名と住所は、はがきの差出人として印刷されます。あとで設定から変えられます。</source>
        <translation>The shop&apos;s name and address are printed as the sender on postcards. They can be changed later in the settings.</translation>
    </message>
    <message>
        <source>店名(&amp;S):</source>
        <translation>&amp;Shop name:</translation>
    </message>
    <message>
        <source>郵便番号(&amp;P):</source>
        <translation>&amp;Postal code:</translation>
    </message>
    <message>
        <source>住所(&amp;A):</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>電話番号(&amp;T):</source>
        <translation>&amp;Telephone:</translation>
    </message>
    <message>
        <source>例: 100-0001（入力すると住所を補います）</source>
        <translation>e.g. 100-0001 (fills in the address)</translation>
    </message>
</context>
<context>
    <name>ShopSenderPage</name>
    <message>
        <source>はがきの差出人として印刷されます。</source>
        <translation>Printed as the sender on postcards.</translation>
    </message>
    <message>
        <source>差出人名（店名）</source>
        <translation>Sender (shop name)</translation>
    </message>
    <message>
        <source>郵便番号</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>差出人</source>
        <translation>Sender</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>確認のため暗証番号を入力</source>
        <translation>Confirm with a PIN</translation>
    </message>
    <message>
        <source>この操作には権限のあるスタッフの暗証番号かカードが必要です。</source>
        <translation>This needs the PIN or card of staff allowed to do it.</translation>
    </message>
    <message>
        <source>画面をロックしました</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>しばらく操作がなかったためロックしました。編集中の内容はそのままです。</source>
        <translation>Locked after a while without use. Unsaved edits are kept.</translation>
    </message>
    <message>
        <source>サインイン</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>スタッフを選んで暗証番号を入力するか、スタッフカードを読み取ってください。</source>
        <translation>Choose your name and type your PIN, or scan your staff card.</translation>
    </message>
    <message>
        <source>暗証番号 または スタッフカード</source>
        <translation>PIN or staff card</translation>
    </message>
    <message>
        <source>スタッフ</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>暗証番号</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StaffMenu</name>
    <message>
        <source>スタッフの切り替え</source>
        <translation>Switch staff</translation>
    </message>
    <message>
        <source>操作記録…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>スタッフ</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>操作記録</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>StaffSession</name>
    <message>
        <source>担当: {0}</source>
        <translation>Staff: {0}</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>crmdeskへようこそ</source>
        <translation>Welcome to crmdesk</translation>
    </message>
    <message>
        <source>はじめに、使う言語と始め方を選んでください。</source>
        <translation>First choose your language and how to start.</translation>
    </message>
    <message>
        <source>言語 / Language</source>
        <translation>Language / 言語</translation>
    </message>
    <message>
        <source>新しいお店として始める(&amp;N)</source>
        <translation>Start as a &amp;new shop</translation>
    </message>
    <message>
        <source>店名・住所、ポイントの付け方、オーナーの暗証番号を設定します</source>
        <translation>Set the shop&apos;s name and address, how points are earned and the owner&apos;s PIN</translation>
    </message>
    <message>
        <source>今あるデータベースのファイルを開く(&amp;O)</source>
        <translation>&amp;Open an existing database file</translation>
    </message>
    <message>
        <source>別のパソコンやフォルダーにある crmdesk のファイルを使います</source>
        <translation>Use a crmdesk file from another computer or folder</translation>
    </message>
    <message>
        <source>バックアップから復元する(&amp;R)</source>
        <translation>&amp;Restore from a backup</translation>
    </message>
    <message>
        <source>バックアップのファイルを確かめてから、このパソコンのデータにします</source>
        <translation>The backup is checked first, then it becomes this computer&apos;s data</translation>
    </message>
    <message>
        <source>お店のハブに参加する(&amp;J)</source>
        <translation>&amp;Join my shop&apos;s hub</translation>
    </message>
    <message>
        <source>ほかの店舗と顧客を共有します（ハブのアドレスとパスワードが必要です）</source>
        <translation>Share customers with the other branches (you need the hub&apos;s address and password)</translation>
    </message>
    <message>
        <source>デモデータで試す(&amp;D)</source>
        <translation>Try it with &amp;demo data</translation>
    </message>
    <message>
        <source>架空の顧客500人で操作を試します（本番のデータとは別にしてください）</source>
        <translation>Try crmdesk with 500 fictitious customers (keep them apart from your real data)</translation>
    </message>
    <message>
        <source>始め方</source>
        <translation>How to start</translation>
    </message>
</context>
<context>
    <name>SyncFeature</name>
    <message>
        <source>同期の競合</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>クリックで同期パネル（{0}）</source>
        <translation>Click for the sync panel ({0})</translation>
    </message>
    <message>
        <source>同期中… {0} / {1}</source>
        <translation>Syncing… {0} / {1}</translation>
    </message>
    <message>
        <source>同期パネル(&amp;Y)…</source>
        <translation>S&amp;ync panel…</translation>
    </message>
    <message>
        <source>今すぐ同期</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>同期の競合(&amp;K)…</source>
        <translation>Sync confli&amp;cts…</translation>
    </message>
    <message>
        <source>店舗間同期</source>
        <translation>Branches</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>店舗間同期</source>
        <translation>Branches</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date/time</translation>
    </message>
    <message>
        <source>送信</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>受信</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>競合</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>店舗コード</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>店舗名</source>
        <translation>Shop name</translation>
    </message>
    <message>
        <source>最終接続</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>未受信</source>
        <translation>Behind by</translation>
    </message>
    <message>
        <source>今すぐ同期(&amp;S)</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>競合を確認(&amp;C)…</source>
        <translation>&amp;Conflicts…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>最近の同期</source>
        <translation>Recent syncs</translation>
    </message>
    <message>
        <source>ほかの店舗</source>
        <translation>Other branches</translation>
    </message>
    <message>
        <source>最終同期: {last}&#x3000;この店舗: {code}&#x3000;ハブ: {hub}</source>
        <translation>Last sync: {last}   This branch: {code}   Hub: {hub}</translation>
    </message>
    <message>
        <source>途中で停止（残りは次回）</source>
        <translation>Stopped early (the rest goes next time)</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>（受け付けられなかった変更 {0}件）</source>
        <translation> ({0} changes refused)</translation>
    </message>
    <message>
        <source>ハブに参加していません。</source>
        <translation>Not joined to a hub.</translation>
    </message>
    <message>
        <source>ハブに問い合わせています…</source>
        <translation>Asking the hub…</translation>
    </message>
    <message>
        <source>ほかの店舗の様子はハブにつながると表示されます（{0}）</source>
        <translation>The other branches show once the hub can be reached ({0})</translation>
    </message>
    <message>
        <source>ほかの店舗 {0}</source>
        <translation>Other branches: {0}</translation>
    </message>
    <message>
        <source>ほかの店舗はまだ参加していません。</source>
        <translation>No other branch has joined yet.</translation>
    </message>
    <message>
        <source>（ハブにつながらないため、前回の同期のときの様子です）</source>
        <translation> (the hub is out of reach: as of the last sync)</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>予期しないエラー（ログを参照）: {0}</source>
        <extracomment>Error codes that mean &quot;no line to the hub&quot;: the branch works offline and retries.</extracomment>
        <translation>Unexpected error (see the log): {0}</translation>
    </message>
    <message>
        <source>・競合 {0}件</source>
        <translation>, {0} conflicts</translation>
    </message>
    <message>
        <source>同期: 参加の途中</source>
        <translation>Sync: join not finished</translation>
    </message>
    <message>
        <source>同期: 未設定</source>
        <translation>Sync: off</translation>
    </message>
    <message>
        <source>オフライン（{0}から）</source>
        <translation>Offline since {0}</translation>
    </message>
    <message>
        <source>・未送信 {0}件</source>
        <translation>, {0} waiting</translation>
    </message>
    <message>
        <source>同期エラー: {0}</source>
        <translation>Sync error: {0}</translation>
    </message>
    <message>
        <source>同期中…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>未送信 {0}件</source>
        <translation>{0} changes waiting</translation>
    </message>
    <message>
        <source>同期済み（{0}）</source>
        <translation>Synced ({0})</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>問い合わせを記録</source>
        <translation>Log inquiry</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date/time</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>詳細</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>店舗</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <source>未完了の問い合わせ</source>
        <translation>Open inquiries</translation>
    </message>
    <message>
        <source>{0} 件</source>
        <translation>{0}</translation>
    </message>
</context>
<context>
    <name>VoidPurchaseDialog</name>
    <message>
        <source>お買い上げの取り消し</source>
        <translation>Void a purchase</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date/time</translation>
    </message>
    <message>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>ポイント</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>理由（任意）</source>
        <translation>Reason (optional)</translation>
    </message>
    <message>
        <source>取り消す</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>{amount} 円</source>
        <translation>¥{amount}</translation>
    </message>
    <message>
        <source>取消済</source>
        <translation>Voided</translation>
    </message>
</context>
</TS>
