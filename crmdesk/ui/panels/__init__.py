"""Customer card panels: see crmdesk.ui.extensions."""
