"""Messages for DM labels, postcards and label sheet layouts."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "no_recipients": {
        "ja": "印刷する宛先がありません",
        "en": "There is nobody to print a label for",
    },
    "start_beyond_sheet": {
        "ja": "{label}は1〜{max}の番号で指定してください（この用紙は{max}面です）",
        "en": "{label} must be between 1 and {max} (this sheet has {max} labels)",
    },
    "address_too_long": {
        "ja": "{who}の宛名が長すぎて、最小の文字サイズでもラベルに収まりません（{part}）",
        "en": "The address of {who} does not fit its label even at the smallest size ({part})",
    },
    "unknown_layout": {
        "ja": "ラベル用紙「{sheet}」は登録されていません",
        "en": "There is no label sheet called {sheet}",
    },
    "layout_code_taken": {
        "ja": "{label}「{sheet}」はすでに使われています。別のコードにしてください",
        "en": "{label} {sheet} is already used by another sheet: choose another",
    },
    "invalid_layout_code": {
        "ja": "{label}は英小文字・数字・ハイフンで入力してください（例: my-sheet-12）",
        "en": "{label} must be lower-case letters, digits and hyphens (e.g. my-sheet-12)",
    },
    "must_be_positive": {
        "ja": "{label}は0より大きい数にしてください",
        "en": "{label} must be greater than 0",
    },
    "must_not_be_negative": {
        "ja": "{label}は0以上の数にしてください",
        "en": "{label} must be 0 or more",
    },
    "pitch_smaller_than_label": {
        "ja": "{label}（{pitch} mm）がラベルの大きさ（{size} mm）より小さく、ラベルが重なります",
        "en": "{label} ({pitch} mm) is smaller than the label ({size} mm): labels overlap",
    },
    "labels_exceed_paper": {
        "ja": "ラベルが用紙からはみ出します: {label}を見直してください"
        "（端まで {needed} mm、用紙 {paper} mm）",
        "en": "The labels run off the paper: check {label} "
        "(they reach {needed} mm, the paper is {paper} mm)",
    },
    "radius_too_large": {
        "ja": "{label}はラベルの短い辺の半分（{max} mm）以下にしてください",
        "en": "{label} must be at most half the label's shorter side ({max} mm)",
    },
    "offset_too_large": {
        "ja": "{label}は-{max}〜{max} mmの範囲で指定してください",
        "en": "{label} must be between -{max} and {max} mm",
    },
    "invalid_layout_file": {
        "ja": "ラベル用紙のファイル {file} を読み取れません: {detail}",
        "en": "Cannot read the label sheet file {file}: {detail}",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "start": {"ja": "開始位置", "en": "Start position"},
    "layout": {"ja": "ラベル用紙", "en": "Label sheet"},
    "code": {"ja": "用紙コード", "en": "Sheet code"},
    "maker": {"ja": "メーカー", "en": "Maker"},
    "product": {"ja": "品番", "en": "Product code"},
    "paper": {"ja": "用紙", "en": "Paper"},
    "paper_w_mm": {"ja": "用紙の幅", "en": "Paper width"},
    "paper_h_mm": {"ja": "用紙の高さ", "en": "Paper height"},
    "cols": {"ja": "列数", "en": "Columns"},
    "rows": {"ja": "行数", "en": "Rows"},
    "label_w_mm": {"ja": "ラベルの幅", "en": "Label width"},
    "label_h_mm": {"ja": "ラベルの高さ", "en": "Label height"},
    "x0_mm": {"ja": "左余白", "en": "Left margin"},
    "y0_mm": {"ja": "上余白", "en": "Top margin"},
    "dx_mm": {"ja": "横方向のピッチ", "en": "Horizontal pitch"},
    "dy_mm": {"ja": "縦方向のピッチ", "en": "Vertical pitch"},
    "radius_mm": {"ja": "角の丸み", "en": "Corner radius"},
    "offset_x_mm": {"ja": "横方向の補正", "en": "Horizontal offset"},
    "offset_y_mm": {"ja": "縦方向の補正", "en": "Vertical offset"},
}
