#!/usr/bin/env python3
"""Writes the hand-made seed inputs of every fuzz target into tests/fuzz/corpus/<name>/seed-*.

Seeds are small valid and invalid inputs; what the fuzzer adds is merged in by scripts/fuzz.sh
(files named by their SHA-1). Running this again rewrites the seed-* files only.
Tickets are signed with the fuzz targets' fixed test keys (32 x 'a' as key 1, 32 x 'b' as key 2).
"""
import base64
import hashlib
import hmac
import json
import os
import sqlite3
import struct
import tempfile
import zlib

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))
FIXTURES = os.path.join(REPO, "tests", "fixtures", "ops")


def write(target, name, data):
    d = os.path.join(ROOT, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


def compact(name):
    return json.dumps(json.loads(fixture(name)), ensure_ascii=False, separators=(",", ":"))


def ticket(kind=1, cohort="55-59", number=42, issued=1626656400000, expires=0, nonce=7, key=2,
           secret=b"b" * 32):
    raw = bytes([1, kind, key, len(cohort)]) + cohort.encode()
    raw += struct.pack("<QqqQ", number, issued, expires, nonce)
    raw += hmac.new(secret, raw, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def http_seeds():
    t = ticket()
    token = ticket(kind=2, number=120594, expires=1626661200000)
    old = ticket(key=1, secret=b"a" * 32)
    verify = json.dumps({"name": "홍길동", "birth_date": "1962-03-04", "phone": "010-1234-5678"},
                        ensure_ascii=False)
    reserve = '{"person_id":"3f2a","clinic_id":"c-0001","date":"2021-07-26","dose":1}'
    s = {
        "status": "GET /v1/queue/55-59/status HTTP/1.1\r\nHost: sluice\r\n\r\n",
        "join": "POST /v1/queue/55-59/join HTTP/1.1\r\nHost: sluice\r\nContent-Type: application/json\r\n"
                "Content-Length: 2\r\n\r\n{}",
        "position": f"GET /v1/queue/55-59/position HTTP/1.1\r\nX-Sluice-Ticket: {t}\r\n\r\n",
        "admit-old-key": f"POST /v1/queue/55-59/admit HTTP/1.1\r\nX-Sluice-Ticket: {old}\r\n"
                         "Content-Length: 0\r\n\r\n",
        "verify": "POST /v1/identity/verify HTTP/1.1\r\nAuthorization: Bearer " + token +
                  f"\r\nContent-Type: application/json\r\nContent-Length: {len(verify.encode())}"
                  "\r\n\r\n" + verify,
        "reserve-chunked": "POST /v1/reservations HTTP/1.1\r\nAuthorization: bearer  " + token +
                           "  \r\nIdempotency-Key: k1\r\nTransfer-Encoding: chunked\r\n"
                           "Content-Type: application/json\r\n\r\n"
                           f"{len(reserve) - 10:x}\r\n{reserve[:-10]}\r\n"
                           f"a;ext=1\r\n{reserve[-10:]}\r\n0\r\nTrailer: x\r\n\r\n",
        "reservation-get-delete": "GET /v1/reservations/r0a1b2 HTTP/1.1\r\nX-Sluice-Manage-Key: m\r\n\r\n"
                                  "DELETE /v1/reservations/r0a1b2 HTTP/1.1\r\nX-Sluice-Manage-Key: m\r\n"
                                  "Connection: close\r\n\r\n",
        "pipelined": "GET /healthz HTTP/1.1\r\n\r\nGET /readyz HTTP/1.1\r\n\r\nHEAD /metrics HTTP/1.1\r\n\r\n"
                     "GET /v1/cohorts HTTP/1.1\r\n\r\nGET /v1/cohorts/55-59/fairness HTTP/1.1\r\n\r\n",
        "clinics-query": "GET /v1/clinics?region=%EC%84%9C%EC%9A%B8&district=%ec%a2%85+x&date=2021-07-20"
                         "&available=true&limit=10&offset=0&bad=%zz%4 HTTP/1.1\r\n\r\n",
        "ops-upgrade": "GET /v1/ops/stream HTTP/1.1\r\nHost: sluice\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n",
        "ops-stream-plain": "GET /v1/ops/stream HTTP/1.1\r\n\r\n",
        "audit": "GET /v1/ops/audit?since=10&limit=5000 HTTP/1.1\r\nAuthorization: Bearer op-token\r\n\r\n"
                 "GET /v1/ops/audit/checkpoint HTTP/1.1\r\nAuthorization: Basic x\r\n\r\n",
        "smuggle-te-cl": "POST /v1/queue/55-59/join HTTP/1.1\r\nContent-Length: 4\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "te-gzip": "POST /v1/reservations HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx",
        "two-content-length": "POST /v1/reservations HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "body-too-large": "POST /v1/reservations HTTP/1.1\r\nContent-Length: 70000\r\n\r\n{",
        "chunk-too-large": "POST /v1/reservations HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "fffffffffff\r\n{}",
        "http10": "GET /v1/queue/18-49/status HTTP/1.0\r\n\r\n",
        "http10-keepalive": "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /healthz HTTP/1.0\r\n\r\n",
        "expect-continue": "POST /v1/queue/55-59/join HTTP/1.1\r\nExpect: 100-continue\r\n"
                           "Content-Length: 2\r\n\r\n{}",
        "unknown-method": "BREW /healthz HTTP/1.1\r\n\r\n",
        "method-not-allowed": "PUT /v1/cohorts HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        "not-found": "GET //v1//queue/55-59/status/extra HTTP/1.1\r\n\r\n",
        "partial": "GET /v1/queue/55-59/status HTTP/1.1\r\nHost: sl",
        "garbage": "\x00\x01\xff GET\r\n\r\n",
        "bad-version": "GET / HTTP/2.0\r\n\r\n",
        "obs-fold": "GET /healthz HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n",
        "header-limit": "GET /healthz HTTP/1.1\r\nX-Pad: " + "p" * 8300 + "\r\n\r\n",
    }
    for name, data in s.items():
        write("http_request", name, data)


def json_seeds():
    s = {
        "verify": {"name": "홍길동", "birth_date": "1962-03-04", "phone": "+82 10-1234-5678"},
        "verify-jamo": {"name": "\u1112\u1169\u11bc \u1100\u1175\u11af\u1103\u1169\u11bc",
                        "birth_date": "1966-12-31", "phone": "01012345678"},
        "verify-invisible": {"name": "\u200b\uff28ong\u00a0\u00a0Gil\u00addong\ufeff ",
                             "birth_date": "2021-02-29", "phone": "+8210"},
        "verify-types": {"name": 5, "birth_date": None, "phone": ["0"]},
        "reserve": {"person_id": "3f2a", "clinic_id": "c-0001", "date": "2021-07-26", "dose": 1},
        "reserve-dose-double": {"person_id": "p", "clinic_id": "c", "date": "-000-01-01", "dose": 2.0},
        "reserve-dose-big": {"person_id": "p", "clinic_id": "c", "date": "2021-13-01",
                             "dose": 18446744073709551615},
        "reserve-dose-huge": {"dose": 1e300},
        "reserve-dose-neg": {"dose": -3.5, "date": "2021-07-1a"},
        "idp": {"latency_ms": {"p50": 80, "p99": 600}, "error_rate": 0.05, "timeout_ms": 2000,
                "outages": [{"from": "+1m", "to": "+2m"},
                            {"from": "2021-07-19T20:00:00+09:00", "to": "2021-07-19T20:05:00.5Z"}],
                "outage": False,
                "breaker": {"failure_threshold": 5, "failure_ratio": 0.5, "window": 20,
                            "min_calls": 10, "open_ms": 5000, "half_open_probes": 2}},
        "idp-bad": {"latency_ms": {"p50": 700, "p99": 600}, "outages": [{"from": "+2m", "to": "+1m"}]},
        "join-hints": {"client": "web", "lang": "ko"},
        "empty": {},
    }
    for name, obj in s.items():
        write("json_bodies", name, json.dumps(obj, ensure_ascii=False))
    write("json_bodies", "array", "[1,2,3]")
    write("json_bodies", "malformed", '{"name": "a", ')
    write("json_bodies", "bad-utf8", b'{"name": "\xed\xa0\x80"}')
    write("json_bodies", "deep", "[" * 40 + "]" * 40)


def ops_seeds():
    for f in sorted(os.listdir(FIXTURES)):
        if f.startswith("command_") or f in ("auth.json", "get_snapshot.json"):
            write("ops_command", f[:-5], fixture(f))
    s = {
        "set-rate-raise": {"type": "command", "id": "c1", "op": "set_rate",
                           "args": {"cohort": "55-59", "rate_per_s": 4000}},
        "set-rate-nan": {"type": "command", "id": "c2", "op": "set_rate",
                         "args": {"cohort": "50-52", "rate_per_s": 1e308}},
        "max-active-frac": {"type": "command", "id": "c3", "op": "set_max_active",
                            "args": {"cohort": "18-49", "max_active": 2.5}},
        "resume-incident": {"type": "command", "id": "c4", "op": "resume_cohort", "args": {"cohort": "53-54"}},
        "notice-all": {"type": "command", "id": "c5", "op": "post_notice",
                       "args": {"cohort": "*", "severity": "critical", "text": {"ko": "가" * 501, "en": "x"}}},
        "unknown-op": {"type": "command", "id": "c6", "op": "drop_tables", "args": None},
        "no-id": {"type": "command", "op": "pause_cohort"},
        "args-array": {"type": "command", "id": "c7", "op": "pause_cohort", "args": [1]},
        "idp-outage": {"type": "command", "id": "c8", "op": "set_identity_provider",
                       "args": {"outage": True, "latency_ms": {"p50": 1, "p99": 2}, "error_rate": 2}},
    }
    for name, obj in s.items():
        write("ops_command", name, json.dumps(obj, ensure_ascii=False))


def config_seeds():
    with open(os.path.join(REPO, "resources", "config.example.json"), "rb") as f:
        write("config", "example", f.read())
    demo = {"cohorts": [
        {"id": "55-59", "label": {"ko": "55–59세", "en": "Ages 55–59"}, "birth_year_from": 1962,
         "birth_year_to": 1966, "prequeue_opens": "+0s", "opens": "+90s", "rate_per_s": 400,
         "max_active": 5000},
        {"id": "18-49", "label": "18-49", "birth_year_from": 1972, "birth_year_to": 2003,
         "prequeue_opens": "2021-07-19T20:00:00+09:00", "opens": "2021-07-19T11:30:00.000Z",
         "rate_per_s": 800, "max_rate_per_s": 8000, "max_active": 10000, "session_window_s": 1200}],
        "server": {"controller_tick_ms": 100, "body_limit_bytes": 65536, "read_timeout_ms": 10000,
                   "idle_timeout_ms": 30000, "max_connections_per_thread": 20000, "overload_lag_ms": 200},
        "ops": {"tick_ms": 500, "history_frames": 4096, "send_queue_frames": 256,
                "stall_timeout_ms": 10000, "auth_timeout_ms": 5000, "resync_limit": 5,
                "resync_window_ms": 60000, "remembered_commands": 10000, "accept_broken_audit": False,
                "two_person_rule": {"enabled": True, "rate_factor": 2, "approval_timeout_s": 120,
                                    "rate_window_s": 600}},
        "identity_provider": {"latency_ms": {"p50": 80, "p99": 600}, "error_rate": 0.01,
                              "outages": [{"from": "+10m", "to": "+12m"}]},
        "clinics": "clinics.csv", "stock": "stock.csv"}
    write("config", "full", json.dumps(demo, ensure_ascii=False, indent=1))
    bad = {"cohorts": [{"id": "a b", "birth_year_from": 1900.5, "birth_year_to": 1800,
                        "opens": "+9999999999999999h", "rate_per_s": 0, "max_active": 0}]}
    write("config", "bad-cohort", json.dumps(bad))
    write("config", "server-huge", json.dumps({"cohorts": demo["cohorts"][:1],
                                               "server": {"controller_tick_ms": 1e300}}))
    write("config", "ops-bad", json.dumps({"cohorts": demo["cohorts"][:1],
                                           "ops": {"tick_ms": "fast", "two_person_rule": []}}))
    write("config", "not-object", "[]")
    write("config", "empty", "")
    with open(os.path.join(REPO, "resources", "clinics.csv"), encoding="utf-8") as f:
        write("config", "clinics-csv", "".join(f.readlines()[:6]))
    with open(os.path.join(REPO, "resources", "stock.csv"), encoding="utf-8") as f:
        write("config", "stock-csv", "".join(f.readlines()[:6]))
    write("config", "csv-quotes", 'id,name,region,district,lat,lon\r\n"c-1","a ""b"", c",서울,종로구,37.5,127\r\n'
                                  'c-2,"unterminated\n,x,y,1e999,nan\r\n')
    write("config", "stock-relative", "clinic_id,date,doses\nc-0001,+0d,10\nc-0001,+3661d,1\nc-0002,+-1d,-1\n")
    write("config", "clinics-json", json.dumps([{"id": "c-1", "name": "보건소", "region": "서울",
                                                 "district": "종로구", "lat": 37.5, "lon": 127.0}],
                                               ensure_ascii=False))
    write("config", "checkpoint", json.dumps({"format": "sluice-audit-checkpoint/1", "row": 12,
                                              "hash": "ab" * 32, "at": "2021-07-19T11:00:00.000Z",
                                              "at_ms": 1626692400000, "node": "n1", "mac": "cd" * 32}))


def codec_seeds():
    write("signed_codec", "ticket", ticket())
    write("signed_codec", "token", ticket(kind=2, cohort="18-49", number=2**63, issued=-1,
                                          expires=2**62, nonce=2**64 - 1))
    write("signed_codec", "old-key", ticket(key=1, secret=b"a" * 32, cohort="x" * 32))
    write("signed_codec", "unknown-key", ticket(key=9, secret=b"z" * 32))
    bad = ticket()
    write("signed_codec", "bad-mac", bad[:-2] + ("AA" if bad[-2:] != "AA" else "BA"))
    write("signed_codec", "padding", ticket() + "==")
    write("signed_codec", "binary", bytes(range(256)))
    write("signed_codec", "empty", "")


def frame_seeds():
    for f in sorted(os.listdir(FIXTURES)):
        if not f.startswith("command_") and f not in ("auth.json", "get_snapshot.json", "audit.json"):
            write("frame_parser", f[:-5], fixture(f))
    seq = [compact("hello.json"), compact("snapshot.json"), compact("tick.json"), compact("event.json"),
           compact("event_notice_posted.json"), compact("event_approval_requested.json"),
           compact("ack.json"), compact("nack.json"), compact("event_notice_retracted.json")]
    write("frame_parser", "sequence", "\n".join(seq) + "\n")
    tick = json.loads(fixture("tick.json"))
    tick["seq"] = 10**17
    tick["cohorts"][0]["issued"] = 1e300
    tick["interval_ms"] = -1e20
    write("frame_parser", "sequence-extremes", compact("snapshot.json") + "\n" +
          json.dumps(tick, ensure_ascii=False, separators=(",", ":")) + "\n")
    write("frame_parser", "unknown-type", '{"type":"future","seq":1}')
    write("frame_parser", "not-object", "[1]\n\"x\"\nnull\n{")


def recording_script():
    hello = compact("hello.json")
    snap = compact("snapshot.json")
    tick = compact("tick.json")
    event = compact("event.json")
    alert = compact("event_alert.json")
    return [
        "meta format sluice-recording",
        "meta format_version 1",
        "meta started_at 2021-07-19T11:00:00.000Z",
        "meta ended_at 2021-07-19T11:05:00.000Z",
        f"frame 1 1626692400000 hello - 0 {hello}",
        f"frame 2 1626692400100 snapshot - z {snap}",
        f"frame 3 1626692400600 tick - 0 {tick}",
        f"frame 4 1626692401000 event action 0 {event}",
        f"frame 5 1626692401500 event alert 0 {alert}",
        'frame 6 1626692402000 link link 0 {"state":"reconnecting","message":"timeout"}',
        'frame 7 1626692402500 command action 0 {"description":"set_rate 55-59","status":"done","detail":"x"}',
        'frame 8 1626692403000 note - 0 {"text":"recording stopped"}',
        "key 2 1626692400100 z " + json.dumps({"hello": json.loads(hello), "snapshot": json.loads(snap),
                                                "link": {"state": "connected"}},
                                               ensure_ascii=False, separators=(",", ":")),
    ]


def recording_seeds():
    lines = recording_script()
    write("recording_reader", "script", "\n".join(lines) + "\n")
    write("recording_reader", "script-no-meta", "\n".join(l for l in lines if not l.startswith("meta")) + "\n")
    write("recording_reader", "script-foreign", "meta format other\nframe 1 1 hello - 0 {}\n")
    write("recording_reader", "script-too-new", "meta format sluice-recording\nmeta format_version 9\n"
                                                "meta min_reader_version 2\nframe 1 1 hello - 0 {}\n")
    write("recording_reader", "script-empty", "meta format sluice-recording\nmeta format_version 1\n")
    write("recording_reader", "script-unordered", "frame 5 100 tick - 0 {}\nframe 3 300 tick - 0 {}\n"
                                                  "frame -2 200 event alert 7 {}\nframe 9 -5 link link z {}\n"
                                                  "key 3 300 1 notzlib\nkey 99 1 0 {}\n")
    write("recording_reader", "script-no-index", "schema 4\n" + "\n".join(lines) + "\n")
    write("recording_reader", "script-no-keyframes", "schema 16\n" + "\n".join(lines) + "\n")
    # The same recording as a real SQLite file (512-byte pages: a small seed for byte mutation).
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.sluicerec")
        db = sqlite3.connect(path)
        db.execute("PRAGMA page_size=512")
        for stmt in [
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE frames(id INTEGER PRIMARY KEY, recv_ms INTEGER NOT NULL, server_ms INTEGER NOT NULL, "
            "seq INTEGER NOT NULL, kind TEXT NOT NULL, tag TEXT NOT NULL DEFAULT '', encoding INTEGER NOT NULL, "
            "body BLOB NOT NULL)",
            "CREATE INDEX frames_recv ON frames(recv_ms)",
            "CREATE INDEX frames_marker ON frames(tag) WHERE tag <> ''",
            "CREATE TABLE keyframes(id INTEGER PRIMARY KEY, frame_id INTEGER NOT NULL UNIQUE, "
            "recv_ms INTEGER NOT NULL, encoding INTEGER NOT NULL, body BLOB NOT NULL)",
        ]:
            db.execute(stmt)
        for line in lines:
            parts = line.split(" ", 6)
            if parts[0] == "meta":
                db.execute("INSERT INTO meta VALUES(?, ?)", (parts[1], line.split(" ", 2)[2]))
            elif parts[0] == "frame":
                fid, recv, kind, tag, enc, body = parts[1:7]
                blob = body.encode()
                if enc == "z":
                    blob = struct.pack(">I", len(blob)) + zlib.compress(blob, 1)
                    enc = "1"
                db.execute("INSERT INTO frames VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                           (int(fid), int(recv), int(recv), int(fid), kind, "" if tag == "-" else tag,
                            int(enc), blob))
        db.commit()
        db.execute("VACUUM")
        db.close()
        with open(path, "rb") as f:
            write("recording_reader", "sqlite-file", f.read())


if __name__ == "__main__":
    http_seeds()
    json_seeds()
    ops_seeds()
    config_seeds()
    codec_seeds()
    frame_seeds()
    recording_seeds()
