"""Window features: see crmdesk.ui.extensions."""
