"""The window's side of branch sync (issue 15), over the facade ``crmdesk.sync.api``.

- :mod:`.hub_config`: the ``hub/`` settings and the hub URL made from them;
- :mod:`.controller`: background sync after writes and on a timer, the status it shows;
- :mod:`.settings_page`: Settings > 店舗間同期 (test connection, join, leave);
- :mod:`.join_progress`: the first download's progress, time left and cancel;
- :mod:`.panel`: the sync panel opened from the status bar;
- :mod:`.inbox`: the owner's conflict inbox.
"""
