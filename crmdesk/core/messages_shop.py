"""Field labels for the shop's return address."""

MESSAGES: dict[str, dict[str, str]] = {}

FIELD_LABELS = {
    "shop_name": {"ja": "差出人名（店名）", "en": "Sender (shop name)"},
}
