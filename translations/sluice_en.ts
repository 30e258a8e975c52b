<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertText</name>
    <message>
        <source>paused while people wait</source>
        <translation>paused while people wait</translation>
    </message>
    <message>
        <source>closed while people wait</source>
        <translation>closed while people wait</translation>
    </message>
    <message>
        <source>admission far below the ceiling</source>
        <translation>admission far below the ceiling</translation>
    </message>
    <message>
        <source>long wait for the last in line</source>
        <translation>long wait for the last in line</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>error rate</translation>
    </message>
    <message>
        <source>bypass attempts</source>
        <translation>bypass attempts</translation>
    </message>
    <message>
        <source>slow booking</source>
        <translation>slow booking</translation>
    </message>
    <message>
        <source>doses nearly gone</source>
        <translation>doses nearly gone</translation>
    </message>
    <message>
        <source>identity provider breaker open</source>
        <translation>identity provider breaker open</translation>
    </message>
    <message>
        <source>link to the server lost</source>
        <translation>link to the server lost</translation>
    </message>
    <message>
        <source>stale data</source>
        <translation>stale data</translation>
    </message>
    <message>
        <source>all clinics</source>
        <translation>all clinics</translation>
    </message>
    <message>
        <source>booking</source>
        <translation>booking</translation>
    </message>
    <message>
        <source>this console</source>
        <translation>this console</translation>
    </message>
    <message>
        <source>whole system</source>
        <translation>whole system</translation>
    </message>
    <message>
        <source>%1 paused for an incident: %2 people waiting, none admitted</source>
        <translation>%1 paused for an incident: %2 people waiting, none admitted</translation>
    </message>
    <message>
        <source>%1 paused: %2 people waiting, none admitted</source>
        <translation>%1 paused: %2 people waiting, none admitted</translation>
    </message>
    <message>
        <source>%1 closed, sold out: %2 people still waiting</source>
        <translation>%1 closed, sold out: %2 people still waiting</translation>
    </message>
    <message>
        <source>%1 closed: %2 people still waiting</source>
        <translation>%1 closed: %2 people still waiting</translation>
    </message>
    <message>
        <source>%1 admits %2/s, %3 % of its %4/s ceiling: %5 people waiting</source>
        <translation>%1 admits %2/s, %3 % of its %4/s ceiling: %5 people waiting</translation>
    </message>
    <message>
        <source> (booking zone full)</source>
        <translation> (booking zone full)</translation>
    </message>
    <message>
        <source>%1: the last in line waits %2 (%3 people)</source>
        <translation>%1: the last in line waits %2 (%3 people)</translation>
    </message>
    <message>
        <source>error rate %1 % (HTTP 5xx and overload rejections)</source>
        <translation>error rate %1 % (HTTP 5xx and overload rejections)</translation>
    </message>
    <message>
        <source>%1 bypass attempts per second (booking without admission)</source>
        <translation>%1 bypass attempts per second (booking without admission)</translation>
    </message>
    <message>
        <source>booking slow: p99 %1 ms on %2</source>
        <translation>booking slow: p99 %1 ms on %2</translation>
    </message>
    <message>
        <source>only %1 doses left to book</source>
        <translation>only %1 doses left to book</translation>
    </message>
    <message>
        <source>identity provider breaker %1: identity checks fail</source>
        <translation>identity provider breaker %1: identity checks fail</translation>
    </message>
    <message>
        <source>link to the server lost: the figures shown are old</source>
        <translation>link to the server lost: the figures shown are old</translation>
    </message>
    <message>
        <source>no fresh data: the figures shown are stale</source>
        <translation>no fresh data: the figures shown are stale</translation>
    </message>
</context>
<context>
    <name>Cohort</name>
    <message>
        <source>scheduled</source>
        <translation>scheduled</translation>
    </message>
    <message>
        <source>pre-queue</source>
        <translation>pre-queue</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critical</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 (incident)</source>
        <translation>%1 (incident)</translation>
    </message>
    <message>
        <source>%1 (sold out)</source>
        <translation>%1 (sold out)</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Sluice operations console: watch and steer the waiting room.</source>
        <translation>Sluice operations console: watch and steer the waiting room.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Show the version.</translation>
    </message>
    <message>
        <source>Connect at start to the server&apos;s base URL, e.g. http://127.0.0.1:8080.</source>
        <translation>Connect at start to the server&apos;s base URL, e.g. http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>Read the operator token from FILE.</source>
        <translation>Read the operator token from FILE.</translation>
    </message>
    <message>
        <source>Save the main window as a PNG to FILE after --after seconds, then exit.</source>
        <translation>Save the main window as a PNG to FILE after --after seconds, then exit.</translation>
    </message>
    <message>
        <source>Seconds before the screenshot (default 3).</source>
        <translation>Seconds before the screenshot (default 3).</translation>
    </message>
    <message>
        <source>Interface language: ko or en.</source>
        <translation>Interface language: ko or en.</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unexpected argument: %1</translation>
    </message>
    <message>
        <source>--connect: expected a URL like http://127.0.0.1:8080, got %1</source>
        <translation>--connect: expected a URL like http://127.0.0.1:8080, got %1</translation>
    </message>
    <message>
        <source>--after: expected seconds between 0 and 3600</source>
        <translation>--after: expected seconds between 0 and 3600</translation>
    </message>
    <message>
        <source>--lang: expected ko or en</source>
        <translation>--lang: expected ko or en</translation>
    </message>
    <message>
        <source>Record the session to FILE without a window (needs --connect and --duration).</source>
        <translation>Record the session to FILE without a window (needs --connect and --duration).</translation>
    </message>
    <message>
        <source>Seconds to record with --record.</source>
        <translation>Seconds to record with --record.</translation>
    </message>
    <message>
        <source>Open the recording FILE in replay mode.</source>
        <translation>Open the recording FILE in replay mode.</translation>
    </message>
    <message>
        <source>With --replay: start at TIME (20:15:30, 2021-07-19 20:15, +5:00).</source>
        <translation>With --replay: start at TIME (20:15:30, 2021-07-19 20:15, +5:00).</translation>
    </message>
    <message>
        <source>--record needs --connect URL and --duration S</source>
        <translation>--record needs --connect URL and --duration S</translation>
    </message>
    <message>
        <source>--duration: expected seconds greater than 0</source>
        <translation>--duration: expected seconds greater than 0</translation>
    </message>
    <message>
        <source>--replay cannot be combined with --connect or --record</source>
        <translation>--replay cannot be combined with --connect or --record</translation>
    </message>
    <message>
        <source>--at needs --replay</source>
        <translation>--at needs --replay</translation>
    </message>
    <message>
        <source>Show a scripted scene instead of a server (screenshots, training): normal, paused, soldout, frozen or replay.</source>
        <translation>Show a scripted scene instead of a server (screenshots, training): normal, paused, soldout, frozen or replay.</translation>
    </message>
    <message>
        <source>Start in the wall mode (full screen).</source>
        <translation>Start in the wall mode (full screen).</translation>
    </message>
    <message>
        <source>--scenario: expected normal, paused, soldout, frozen or replay</source>
        <translation>--scenario: expected normal, paused, soldout, frozen or replay</translation>
    </message>
    <message>
        <source>--scenario cannot be combined with --connect, --replay or --record</source>
        <translation>--scenario cannot be combined with --connect, --replay or --record</translation>
    </message>
    <message>
        <source>For https:// servers: trust the CA certificate(s) in this PEM FILE instead of the system&apos;s CA store.</source>
        <translation>For https:// servers: trust the CA certificate(s) in this PEM FILE instead of the system&apos;s CA store.</translation>
    </message>
    <message>
        <source>For https:// servers: accept only the certificate with this SHA-256 fingerprint (as `openssl x509 -noout -fingerprint -sha256` prints it).</source>
        <translation>For https:// servers: accept only the certificate with this SHA-256 fingerprint (as `openssl x509 -noout -fingerprint -sha256` prints it).</translation>
    </message>
    <message>
        <source>--pin-sha256: expected 64 hex digits (AB:CD:…), got %1</source>
        <translation>--pin-sha256: expected 64 hex digits (AB:CD:…), got %1</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>Connect to a server</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>e.g. Control room</source>
        <translation>e.g. Control room</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <source>Operator token</source>
        <translation>Operator token</translation>
    </message>
    <message>
        <source>Leave empty to use the saved token</source>
        <translation>Leave empty to use the saved token</translation>
    </message>
    <message>
        <source>Save the token for this profile (owner-only file, not in the profile)</source>
        <translation>Save the token for this profile (owner-only file, not in the profile)</translation>
    </message>
</context>
<context>
    <name>DataSource</name>
    <message>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>Reconnecting</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>all cohorts</source>
        <translation>all cohorts</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>errors %1 %</source>
        <translation>errors %1 %</translation>
    </message>
    <message>
        <source>outage</source>
        <translation>outage</translation>
    </message>
    <message>
        <source>closed (normal)</source>
        <translation>closed (normal)</translation>
    </message>
    <message>
        <source>open (failing)</source>
        <translation>open (failing)</translation>
    </message>
    <message>
        <source>half-open (testing)</source>
        <translation>half-open (testing)</translation>
    </message>
    <message>
        <source>pause %1 (incident)</source>
        <translation>pause %1 (incident)</translation>
    </message>
    <message>
        <source>pause %1</source>
        <translation>pause %1</translation>
    </message>
    <message>
        <source>resume %1</source>
        <translation>resume %1</translation>
    </message>
    <message>
        <source>%1 admission rate %2 → %3/s</source>
        <translation>%1 admission rate %2 → %3/s</translation>
    </message>
    <message>
        <source>%1 admission rate → %2/s</source>
        <translation>%1 admission rate → %2/s</translation>
    </message>
    <message>
        <source>%1 max active sessions %2 → %3</source>
        <translation>%1 max active sessions %2 → %3</translation>
    </message>
    <message>
        <source>%1 max active sessions → %2</source>
        <translation>%1 max active sessions → %2</translation>
    </message>
    <message>
        <source>%1 admission mode %2 → %3</source>
        <translation>%1 admission mode %2 → %3</translation>
    </message>
    <message>
        <source>%1 admission mode → %2</source>
        <translation>%1 admission mode → %2</translation>
    </message>
    <message>
        <source>notice to %1: “%2”</source>
        <translation>notice to %1: “%2”</translation>
    </message>
    <message>
        <source>retract notice #%1</source>
        <translation>retract notice #%1</translation>
    </message>
    <message>
        <source>retract notice “%1”</source>
        <translation>retract notice “%1”</translation>
    </message>
    <message>
        <source>identity provider drill: %1</source>
        <translation>identity provider drill: %1</translation>
    </message>
    <message>
        <source>approve %1&apos;s command</source>
        <translation>approve %1&apos;s command</translation>
    </message>
    <message>
        <source>acknowledge alert “%1”</source>
        <translation>acknowledge alert “%1”</translation>
    </message>
    <message>
        <source>operator action</source>
        <translation>operator action</translation>
    </message>
    <message>
        <source>approval requested</source>
        <translation>approval requested</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>approval expired</source>
        <translation>approval expired</translation>
    </message>
    <message>
        <source>alert acknowledged</source>
        <translation>alert acknowledged</translation>
    </message>
    <message>
        <source>notice posted</source>
        <translation>notice posted</translation>
    </message>
    <message>
        <source>notice retracted</source>
        <translation>notice retracted</translation>
    </message>
    <message>
        <source>cohort state</source>
        <translation>cohort state</translation>
    </message>
    <message>
        <source>cohort opened</source>
        <translation>cohort opened</translation>
    </message>
    <message>
        <source>sold out</source>
        <translation>sold out</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>resumed</translation>
    </message>
    <message>
        <source>rate changed</source>
        <translation>rate changed</translation>
    </message>
    <message>
        <source>max active changed</source>
        <translation>max active changed</translation>
    </message>
    <message>
        <source>mode changed</source>
        <translation>mode changed</translation>
    </message>
    <message>
        <source>server alert</source>
        <translation>server alert</translation>
    </message>
    <message>
        <source>server started</source>
        <translation>server started</translation>
    </message>
    <message>
        <source>server stopping</source>
        <translation>server stopping</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alert</translation>
    </message>
    <message>
        <source>alert cleared</source>
        <translation>alert cleared</translation>
    </message>
    <message>
        <source>my action</source>
        <translation>my action</translation>
    </message>
    <message>
        <source>console</source>
        <translation>console</translation>
    </message>
    <message>
        <source>server</source>
        <translation>server</translation>
    </message>
    <message>
        <source>%1 asks a second operator to approve: %2</source>
        <translation>%1 asks a second operator to approve: %2</translation>
    </message>
    <message>
        <source>%1 asks a second operator to approve: %2 (%3)</source>
        <translation>%1 asks a second operator to approve: %2 (%3)</translation>
    </message>
    <message>
        <source>%1 approved %2&apos;s command: %3</source>
        <translation>%1 approved %2&apos;s command: %3</translation>
    </message>
    <message>
        <source>%1&apos;s command expired unapproved: %2</source>
        <translation>%1&apos;s command expired unapproved: %2</translation>
    </message>
    <message>
        <source>%1 acknowledged the alert “%2”</source>
        <translation>%1 acknowledged the alert “%2”</translation>
    </message>
    <message>
        <source>%1 acknowledged the alert “%2”: %3</source>
        <translation>%1 acknowledged the alert “%2”: %3</translation>
    </message>
    <message>
        <source>%1 posted a notice to %2 (%3): “%4”</source>
        <translation>%1 posted a notice to %2 (%3): “%4”</translation>
    </message>
    <message>
        <source>notice #%1 retracted</source>
        <translation>notice #%1 retracted</translation>
    </message>
    <message>
        <source>notice “%1” retracted</source>
        <translation>notice “%1” retracted</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>%1 opened: %2 people in the pre-queue shuffled (seed %3)</source>
        <translation>%1 opened: %2 people in the pre-queue shuffled (seed %3)</translation>
    </message>
    <message>
        <source>%1: no doses left to book, admission stopped</source>
        <translation>%1: no doses left to book, admission stopped</translation>
    </message>
    <message>
        <source>%1: admission paused</source>
        <translation>%1: admission paused</translation>
    </message>
    <message>
        <source>%1: admission resumed</source>
        <translation>%1: admission resumed</translation>
    </message>
    <message>
        <source>%1: admission rate %2 → %3/s</source>
        <translation>%1: admission rate %2 → %3/s</translation>
    </message>
    <message>
        <source>%1: max active sessions %2 → %3</source>
        <translation>%1: max active sessions %2 → %3</translation>
    </message>
    <message>
        <source>%1: admission mode %2 → %3</source>
        <translation>%1: admission mode %2 → %3</translation>
    </message>
    <message>
        <source>identity provider breaker %1 → %2</source>
        <translation>identity provider breaker %1 → %2</translation>
    </message>
    <message>
        <source>booking errors: %1 % of %2 requests failed (p99 %3 ms)</source>
        <translation>booking errors: %1 % of %2 requests failed (p99 %3 ms)</translation>
    </message>
    <message>
        <source>server started (version %1, node %2)</source>
        <translation>server started (version %1, node %2)</translation>
    </message>
    <message>
        <source>server stopping (node %1)</source>
        <translation>server stopping (node %1)</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>connected to %1</translation>
    </message>
    <message>
        <source>connection restored</source>
        <translation>connection restored</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>connection lost</translation>
    </message>
    <message>
        <source>malformed frame skipped: %1</source>
        <translation>malformed frame skipped: %1</translation>
    </message>
    <message>
        <source>undecodable message skipped: %1</source>
        <translation>undecodable message skipped: %1</translation>
    </message>
    <message>
        <source>frames missed (seq gap): asking for a snapshot</source>
        <translation>frames missed (seq gap): asking for a snapshot</translation>
    </message>
    <message>
        <source>%1: sent: %2</source>
        <translation>%1: sent: %2</translation>
    </message>
    <message>
        <source>not sent (not connected or not allowed): %1</source>
        <translation>not sent (not connected or not allowed): %1</translation>
    </message>
    <message>
        <source>refused by the server: %1: %2</source>
        <translation>refused by the server: %1: %2</translation>
    </message>
    <message>
        <source>alert: %1</source>
        <translation>alert: %1</translation>
    </message>
    <message>
        <source>alert over: %1</source>
        <translation>alert over: %1</translation>
    </message>
    <message>
        <source>%1 acknowledged the alert “%2” on this console only (%3)</source>
        <translation>%1 acknowledged the alert “%2” on this console only (%3)</translation>
    </message>
    <message>
        <source>──── new data source: %1 ────</source>
        <translation>──── new data source: %1 ────</translation>
    </message>
    <message>
        <source>proof of work %1 bits</source>
        <translation>proof of work %1 bits</translation>
    </message>
    <message>
        <source>proof of work off</source>
        <translation>proof of work off</translation>
    </message>
    <message>
        <source>%1 new tickets/min per address</source>
        <translation>%1 new tickets/min per address</translation>
    </message>
    <message>
        <source>join limit off</source>
        <translation>join limit off</translation>
    </message>
    <message>
        <source>%1 abuse screening: %2</source>
        <translation>%1 abuse screening: %2</translation>
    </message>
    <message>
        <source>screening changed</source>
        <translation>screening changed</translation>
    </message>
    <message>
        <source>%1: abuse screening %2 → %3</source>
        <translation>%1: abuse screening %2 → %3</translation>
    </message>
</context>
<context>
    <name>LinkStatus</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Next attempt in %1 s (attempt %2).</source>
        <translation>Next attempt in %1 s (attempt %2).</translation>
    </message>
    <message>
        <source>Connecting again (attempt %1)…</source>
        <translation>Connecting again (attempt %1)…</translation>
    </message>
    <message>
        <source>No data for %1 (last frame at %2).</source>
        <translation>No data for %1 (last frame at %2).</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>No server answers at %1: check that sluice-server runs and that the address is right.</source>
        <translation>No server answers at %1: check that sluice-server runs and that the address is right.</translation>
    </message>
    <message>
        <source>Wrong address: %1 answers, but has no operations stream there (HTTP 404). Enter the server&apos;s base URL, e.g. http://host:8080.</source>
        <translation>Wrong address: %1 answers, but has no operations stream there (HTTP 404). Enter the server&apos;s base URL, e.g. http://host:8080.</translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP %2).</source>
        <translation>%1 refused the connection (HTTP %2).</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (%2): check the server&apos;s certificate and the URL&apos;s https.</source>
        <translation>The secure connection to %1 failed (%2): check the server&apos;s certificate and the URL&apos;s https.</translation>
    </message>
    <message>
        <source>The server refused the operator token. Enter a new token; the console does not try again with this one.</source>
        <translation>The server refused the operator token. Enter a new token; the console does not try again with this one.</translation>
    </message>
    <message>
        <source>Your operator token was revoked. Ask an administrator for a new one and enter it.</source>
        <translation>Your operator token was revoked. Ask an administrator for a new one and enter it.</translation>
    </message>
    <message>
        <source>The server is restarting.</source>
        <translation>The server is restarting.</translation>
    </message>
    <message>
        <source>The server has stopped answering.</source>
        <translation>The server has stopped answering.</translation>
    </message>
    <message>
        <source>The server dropped this console: it read too slowly.</source>
        <translation>The server dropped this console: it read too slowly.</translation>
    </message>
    <message>
        <source>Connection to %1 lost.</source>
        <translation>Connection to %1 lost.</translation>
    </message>
</context>
<context>
    <name>NoticeComposer</name>
    <message>
        <source>New notice to the people waiting</source>
        <translation>New notice to the people waiting</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Cohort</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Post notice…</source>
        <translation>Post notice…</translation>
    </message>
    <message>
        <source>Active notices</source>
        <translation>Active notices</translation>
    </message>
    <message>
        <source>Retract…</source>
        <translation>Retract…</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>cannot create %1</source>
        <translation>cannot create %1</translation>
    </message>
    <message>
        <source>a profile needs a name</source>
        <translation>a profile needs a name</translation>
    </message>
    <message>
        <source>the token file is empty</source>
        <translation>the token file is empty</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <source>The recording file already exists</source>
        <translation>The recording file already exists</translation>
    </message>
    <message>
        <source>Cannot create the recordings folder</source>
        <translation>Cannot create the recordings folder</translation>
    </message>
    <message>
        <source>Cannot create the recording file</source>
        <translation>Cannot create the recording file</translation>
    </message>
    <message>
        <source>The recording is not open</source>
        <translation>The recording is not open</translation>
    </message>
    <message>
        <source>Cannot write to the recording</source>
        <translation>Cannot write to the recording</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <source>could not write the image</source>
        <translation>could not write the image</translation>
    </message>
    <message>
        <source>Cannot open %1: the file does not exist.</source>
        <translation>Cannot open %1: the file does not exist.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>Cannot open %1: %2.</translation>
    </message>
    <message>
        <source>%1 is not a Sluice recording (it is not an SQLite database).</source>
        <translation>%1 is not a Sluice recording (it is not an SQLite database).</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be replayed (%2).</source>
        <translation>%1 is damaged and cannot be replayed (%2).</translation>
    </message>
    <message>
        <source>%1 is not a Sluice recording (an SQLite database of another kind).</source>
        <translation>%1 is not a Sluice recording (an SQLite database of another kind).</translation>
    </message>
    <message>
        <source>%1 was recorded by a newer console (recording format %2); this console reads formats up to %3. Update the console to replay it.</source>
        <translation>%1 was recorded by a newer console (recording format %2); this console reads formats up to %3. Update the console to replay it.</translation>
    </message>
    <message>
        <source>%1 contains no recorded frames.</source>
        <translation>%1 contains no recorded frames.</translation>
    </message>
    <message>
        <source>Recording %1</source>
        <translation>Recording %1</translation>
    </message>
    <message>
        <source>In the recording: %1.</source>
        <translation>In the recording: %1.</translation>
    </message>
    <message>
        <source>In the recording: %1 (%2).</source>
        <translation>In the recording: %1 (%2).</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>demo scene (scripted data)</source>
        <translation>demo scene (scripted data)</translation>
    </message>
</context>
<context>
    <name>TlsTrust</name>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation>cannot read the CA file %1: %2</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>the CA file %1 holds no PEM certificate</translation>
    </message>
    <message>
        <source>not a SHA-256 certificate fingerprint: %1 (expected 64 hex digits, as `openssl x509 -noout -fingerprint -sha256 -in CERT` prints them)</source>
        <translation>not a SHA-256 certificate fingerprint: %1 (expected 64 hex digits, as `openssl x509 -noout -fingerprint -sha256 -in CERT` prints them)</translation>
    </message>
    <message>
        <source>certificate %1, issued by %2, SHA-256 %3</source>
        <translation>certificate %1, issued by %2, SHA-256 %3</translation>
    </message>
    <message>
        <source>the server showed no certificate</source>
        <translation>the server showed no certificate</translation>
    </message>
    <message>
        <source>the server&apos;s certificate (SHA-256 %1) is not the pinned one (%2)</source>
        <translation>the server&apos;s certificate (SHA-256 %1) is not the pinned one (%2)</translation>
    </message>
    <message>
        <source>the pinned certificate is not usable: %1</source>
        <translation>the pinned certificate is not usable: %1</translation>
    </message>
</context>
<context>
    <name>sluice::console::AlertListModel</name>
    <message>
        <source>not acknowledged</source>
        <translation>not acknowledged</translation>
    </message>
    <message>
        <source>acknowledging…</source>
        <translation>acknowledging…</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 at %2: %3</translation>
    </message>
    <message>
        <source>%1 at %2 (this console only)</source>
        <translation>%1 at %2 (this console only)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
</context>
<context>
    <name>sluice::console::AlertsPanel</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Acknowledge the selected alert, else the oldest unacknowledged one (Ctrl+K). Every console and the audit log see who.</source>
        <translation>Acknowledge the selected alert, else the oldest unacknowledged one (Ctrl+K). Every console and the audit log see who.</translation>
    </message>
    <message>
        <source>♪ Sound on</source>
        <translation>♪ Sound on</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>Sound off</translation>
    </message>
    <message>
        <source>Sound for critical alerts</source>
        <translation>Sound for critical alerts</translation>
    </message>
    <message>
        <source>✓ No active alerts</source>
        <translation>✓ No active alerts</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n active alert(s)</source>
        <translation>
            <numerusform>⚠ %n active alert</numerusform>
            <numerusform>⚠ %n active alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n critical</source>
        <translation>
            <numerusform>%n critical</numerusform>
            <numerusform>%n critical</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not acknowledged</source>
        <translation>
            <numerusform>%n not acknowledged</numerusform>
            <numerusform>%n not acknowledged</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::console::ApprovalsPanel</name>
    <message>
        <source>Waiting for a second operator</source>
        <translation>Waiting for a second operator</translation>
    </message>
    <message>
        <source>My actions</source>
        <translation>My actions</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>A second operator must approve this.</source>
        <translation>A second operator must approve this.</translation>
    </message>
    <message>
        <source>Approve %1&apos;s command?

%2
%3</source>
        <translation>Approve %1&apos;s command?

%2
%3</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>sluice::console::AuditCheckpointView</name>
    <message>
        <source>Audit log checkpoint
Newest row: %1
Row hash: %2
Signed at: %3
Server node: %4
Signature (HMAC-SHA256): %5

Keep this file outside the server. Later, &apos;sluice-server audit verify --checkpoint FILE&apos; shows whether any row up to this one was changed or removed.</source>
        <translation>Audit log checkpoint
Newest row: %1
Row hash: %2
Signed at: %3
Server node: %4
Signature (HMAC-SHA256): %5

Keep this file outside the server. Later, &apos;sluice-server audit verify --checkpoint FILE&apos; shows whether any row up to this one was changed or removed.</translation>
    </message>
    <message>
        <source>(empty log)</source>
        <translation>(empty log)</translation>
    </message>
    <message>
        <source>Audit #%1 · %2…</source>
        <translation>Audit #%1 · %2…</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>Last refresh failed: %1</source>
        <translation>Last refresh failed: %1</translation>
    </message>
    <message>
        <source>Audit: unavailable</source>
        <translation>Audit: unavailable</translation>
    </message>
    <message>
        <source>The audit checkpoint could not be fetched: %1</source>
        <translation>The audit checkpoint could not be fetched: %1</translation>
    </message>
    <message>
        <source>Audit: …</source>
        <translation>Audit: …</translation>
    </message>
    <message>
        <source>no checkpoint has been received yet</source>
        <translation>no checkpoint has been received yet</translation>
    </message>
    <message>
        <source>Audit checkpoint</source>
        <translation>Audit checkpoint</translation>
    </message>
    <message>
        <source>Connect to a live server first: a replay has no audit log.</source>
        <translation>Connect to a live server first: a replay has no audit log.</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>Save audit checkpoint</source>
        <translation>Save audit checkpoint</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Could not save %1: %2</translation>
    </message>
</context>
<context>
    <name>sluice::console::ChartsPanel</name>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Queue depth per cohort</source>
        <translation>Queue depth per cohort</translation>
    </message>
    <message>
        <source>Admission rate (per s)</source>
        <translation>Admission rate (per s)</translation>
    </message>
    <message>
        <source>Errors by kind (per s)</source>
        <translation>Errors by kind (per s)</translation>
    </message>
    <message>
        <source>Request latency, slowest route (ms)</source>
        <translation>Request latency, slowest route (ms)</translation>
    </message>
    <message>
        <source>%1 — stale</source>
        <translation>%1 — stale</translation>
    </message>
    <message>
        <source>admitted</source>
        <translation>admitted</translation>
    </message>
    <message>
        <source>ceiling</source>
        <translation>ceiling</translation>
    </message>
    <message>
        <source>sold out</source>
        <translation>sold out</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>bypass</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>identity</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflicts</translation>
    </message>
    <message>
        <source>overload</source>
        <translation>overload</translation>
    </message>
</context>
<context>
    <name>sluice::console::ClinicPanel</name>
    <message>
        <source>All regions</source>
        <translation>All regions</translation>
    </message>
    <message>
        <source>Search clinic, district or id</source>
        <translation>Search clinic, district or id</translation>
    </message>
    <message>
        <source>%1 of %2 clinics</source>
        <translation>%1 of %2 clinics</translation>
    </message>
</context>
<context>
    <name>sluice::console::ClinicTableModel</name>
    <message>
        <source>Clinic</source>
        <translation>Clinic</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Left today</source>
        <translation>Left today</translation>
    </message>
    <message>
        <source>Left in window</source>
        <translation>Left in window</translation>
    </message>
    <message>
        <source>Booked/min</source>
        <translation>Booked/min</translation>
    </message>
    <message>
        <source>%1 (%2)
Doses left today: %3, in the booking window: %4</source>
        <translation>%1 (%2)
Doses left today: %3, in the booking window: %4</translation>
    </message>
</context>
<context>
    <name>sluice::console::CohortPanel</name>
    <message>
        <source>Viewers cannot act.</source>
        <translation>Viewers cannot act.</translation>
    </message>
    <message>
        <source>Actions are disabled while disconnected.</source>
        <translation>Actions are disabled while disconnected.</translation>
    </message>
    <message>
        <source>Selected cohort</source>
        <translation>Selected cohort</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>incident</translation>
    </message>
    <message>
        <source>Paused for an incident: resuming needs a second operator when the two-person rule is on.</source>
        <translation>Paused for an incident: resuming needs a second operator when the two-person rule is on.</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Resume…</translation>
    </message>
    <message>
        <source>Rate ceiling/s</source>
        <translation>Rate ceiling/s</translation>
    </message>
    <message>
        <source>Set rate…</source>
        <translation>Set rate…</translation>
    </message>
    <message>
        <source>Max active</source>
        <translation>Max active</translation>
    </message>
    <message>
        <source>Set max active…</source>
        <translation>Set max active…</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>automatic (AIMD)</source>
        <translation>automatic (AIMD)</translation>
    </message>
    <message>
        <source>Apply mode…</source>
        <translation>Apply mode…</translation>
    </message>
    <message>
        <source>Pause admission for %1?

%2 people waiting in this cohort see the pause at once and nobody is admitted until it resumes.</source>
        <translation>Pause admission for %1?

%2 people waiting in this cohort see the pause at once and nobody is admitted until it resumes.</translation>
    </message>
    <message>
        <source>Marked as an incident: resuming will need a second operator when the two-person rule is on.</source>
        <translation>Marked as an incident: resuming will need a second operator when the two-person rule is on.</translation>
    </message>
    <message>
        <source>Not marked as an incident.</source>
        <translation>Not marked as an incident.</translation>
    </message>
    <message>
        <source>Resume admission for %1?

%2 people waiting start being admitted again, at up to %3 per second.</source>
        <translation>Resume admission for %1?

%2 people waiting start being admitted again, at up to %3 per second.</translation>
    </message>
    <message>
        <source>This cohort was paused for an incident: with the two-person rule a second operator must approve the resume.</source>
        <translation>This cohort was paused for an incident: with the two-person rule a second operator must approve the resume.</translation>
    </message>
    <message>
        <source>Change the admission ceiling of %1 from %2 to %3 per second?

%4 people are waiting; the waiting times they see change.</source>
        <translation>Change the admission ceiling of %1 from %2 to %3 per second?

%4 people are waiting; the waiting times they see change.</translation>
    </message>
    <message>
        <source>Change the booking sessions allowed at once for %1 from %2 to %3?

%4 sessions are active now.</source>
        <translation>Change the booking sessions allowed at once for %1 from %2 to %3?

%4 sessions are active now.</translation>
    </message>
    <message>
        <source>Switch the admission of %1 from %2 to %3?

%4 people are waiting.</source>
        <translation>Switch the admission of %1 from %2 to %3?

%4 people are waiting.</translation>
    </message>
    <message>
        <source>%1 bits (about %2 hashes per new ticket)</source>
        <translation>%1 bits (about %2 hashes per new ticket)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>%1 new tickets a minute per address</source>
        <translation>%1 new tickets a minute per address</translation>
    </message>
    <message>
        <source>Change the abuse screening of %1?

Proof of work: %2 → %3.
Join limit: %4 → %5.

Only new tickets are screened: the %6 people who hold a place keep it without any work. Many citizens share one mobile carrier address, so keep the limit generous.</source>
        <translation>Change the abuse screening of %1?

Proof of work: %2 → %3.
Join limit: %4 → %5.

Only new tickets are screened: the %6 people who hold a place keep it without any work. Many citizens share one mobile carrier address, so keep the limit generous.</translation>
    </message>
    <message>
        <source>Proof of work</source>
        <translation>Proof of work</translation>
    </message>
    <message>
        <source> bits</source>
        <translation> bits</translation>
    </message>
    <message>
        <source>Each new ticket costs about 2^bits SHA-256 hashes in the citizen&apos;s browser (12: about a third of a second; 16: several seconds). 0: off.</source>
        <translation>Each new ticket costs about 2^bits SHA-256 hashes in the citizen&apos;s browser (12: about a third of a second; 16: several seconds). 0: off.</translation>
    </message>
    <message>
        <source>New tickets/min per address</source>
        <translation>New tickets/min per address</translation>
    </message>
    <message>
        <source>New tickets one client address may draw a minute; rejoins with a held ticket are never limited. 0: off.</source>
        <translation>New tickets one client address may draw a minute; rejoins with a held ticket are never limited. 0: off.</translation>
    </message>
    <message>
        <source>Apply screening…</source>
        <translation>Apply screening…</translation>
    </message>
</context>
<context>
    <name>sluice::console::CohortTableModel</name>
    <message>
        <source>Cohort</source>
        <translation>Cohort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Rate ceiling/s</source>
        <translation>Rate ceiling/s</translation>
    </message>
    <message>
        <source>Admitted/s</source>
        <translation>Admitted/s</translation>
    </message>
    <message>
        <source>Max active</source>
        <translation>Max active</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>ETA last</source>
        <translation>ETA last</translation>
    </message>
</context>
<context>
    <name>sluice::console::CommandTracker</name>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation>Server reply</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>notice #%1</source>
        <translation>notice #%1</translation>
    </message>
</context>
<context>
    <name>sluice::console::ConnectDialog</name>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>(new profile)</source>
        <translation>(new profile)</translation>
    </message>
    <message>
        <source>Operator token</source>
        <translation>Operator token</translation>
    </message>
    <message>
        <source>Leave empty to use the saved token</source>
        <translation>Leave empty to use the saved token</translation>
    </message>
    <message>
        <source>Enter the server&apos;s base URL, e.g. http://127.0.0.1:8080.</source>
        <translation>Enter the server&apos;s base URL, e.g. http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>An operator token is needed.</source>
        <translation>An operator token is needed.</translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation>The profile could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>sluice::console::ConsoleSession</name>
    <message>
        <source>this console</source>
        <translation>this console</translation>
    </message>
    <message>
        <source>the server does not share acknowledgements</source>
        <translation>the server does not share acknowledgements</translation>
    </message>
    <message>
        <source>no data source</source>
        <translation>no data source</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>replay</translation>
    </message>
    <message>
        <source>viewers cannot send it</source>
        <translation>viewers cannot send it</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
</context>
<context>
    <name>sluice::console::DrillPanel</name>
    <message>
        <source>Change the identity provider simulation to p50 %1 ms, p99 %2 ms, error rate %3, outage %4? Identity checks for citizens get slower or fail.</source>
        <translation>Change the identity provider simulation to p50 %1 ms, p99 %2 ms, error rate %3, outage %4? Identity checks for citizens get slower or fail.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Identity provider drill (rehearsal)</source>
        <translation>Identity provider drill (rehearsal)</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latency</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Error rate</translation>
    </message>
    <message>
        <source>simulate an outage</source>
        <translation>simulate an outage</translation>
    </message>
    <message>
        <source>Apply drill…</source>
        <translation>Apply drill…</translation>
    </message>
    <message>
        <source>For rehearsals only: the booking module&apos;s identity provider answers slower, fails or is down for every citizen.</source>
        <translation>For rehearsals only: the booking module&apos;s identity provider answers slower, fails or is down for every citizen.</translation>
    </message>
</context>
<context>
    <name>sluice::console::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>sluice::console::EventLogPanel</name>
    <message>
        <source>All severities</source>
        <translation>All severities</translation>
    </message>
    <message>
        <source>Filter by text, kind or operator</source>
        <translation>Filter by text, kind or operator</translation>
    </message>
</context>
<context>
    <name>sluice::console::LiveSource</name>
    <message>
        <source>not a JSON object</source>
        <translation>not a JSON object</translation>
    </message>
    <message>
        <source>no data for %1 s</source>
        <translation>no data for %1 s</translation>
    </message>
    <message>
        <source>no answer to the connection request</source>
        <translation>no answer to the connection request</translation>
    </message>
</context>
<context>
    <name>sluice::console::MainWindow</name>
    <message>
        <source>About Sluice</source>
        <translation>About Sluice</translation>
    </message>
    <message>
        <source>Sluice operations console %1
Qt %2</source>
        <translation>Sluice operations console %1
Qt %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Connect…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Cohorts</source>
        <translation>Cohorts</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>Approvals and my actions</source>
        <translation>Approvals and my actions</translation>
    </message>
    <message>
        <source>Clinic stock</source>
        <translation>Clinic stock</translation>
    </message>
    <message>
        <source>Not sent: actions are disabled (%1).</source>
        <translation>Not sent: actions are disabled (%1).</translation>
    </message>
    <message>
        <source>Confirm action</source>
        <translation>Confirm action</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <source>Pending: %1</source>
        <translation>Pending: %1</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>REPLAY</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>no data yet</translation>
    </message>
    <message>
        <source>last update %1 s ago</source>
        <translation>last update %1 s ago</translation>
    </message>
    <message>
        <source>Not connected. Use File → Connect… to choose a server.</source>
        <translation>Not connected. Use File → Connect… to choose a server.</translation>
    </message>
    <message>
        <source>Disconnected. The figures shown are the last ones received.</source>
        <translation>Disconnected. The figures shown are the last ones received.</translation>
    </message>
    <message>
        <source>No data for %1 s: the figures shown are stale.</source>
        <translation>No data for %1 s: the figures shown are stale.</translation>
    </message>
    <message>
        <source>Signed in as a viewer: you can watch, not act.</source>
        <translation>Signed in as a viewer: you can watch, not act.</translation>
    </message>
    <message>
        <source>Sluice operations console</source>
        <translation>Sluice operations console</translation>
    </message>
    <message>
        <source>▶ playing</source>
        <translation>▶ playing</translation>
    </message>
    <message>
        <source>❚❚ paused</source>
        <translation>❚❚ paused</translation>
    </message>
    <message>
        <source>recorded: %1</source>
        <translation>recorded: %1</translation>
    </message>
    <message>
        <source>last update %1 s before the playhead</source>
        <translation>last update %1 s before the playhead</translation>
    </message>
    <message>
        <source>Actions are disabled.</source>
        <translation>Actions are disabled.</translation>
    </message>
    <message>
        <source>&amp;Wall mode (full screen)</source>
        <translation>&amp;Wall mode (full screen)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>&amp;Sound for critical alerts</source>
        <translation>&amp;Sound for critical alerts</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Enter a new token…</source>
        <translation>Enter a new token…</translation>
    </message>
    <message>
        <source>Identity provider drill</source>
        <translation>Identity provider drill</translation>
    </message>
    <message>
        <source>Incident timeline</source>
        <translation>Incident timeline</translation>
    </message>
    <message>
        <source>Acknowledge the selected (or oldest) alert</source>
        <translation>Acknowledge the selected (or oldest) alert</translation>
    </message>
    <message>
        <source>Pause the selected cohort…</source>
        <translation>Pause the selected cohort…</translation>
    </message>
    <message>
        <source>Resume the selected cohort…</source>
        <translation>Resume the selected cohort…</translation>
    </message>
    <message>
        <source>Go to the rate ceiling of the selected cohort</source>
        <translation>Go to the rate ceiling of the selected cohort</translation>
    </message>
    <message>
        <source>Go to the alerts</source>
        <translation>Go to the alerts</translation>
    </message>
    <message>
        <source>Go to the panel “%1”</source>
        <translation>Go to the panel “%1”</translation>
    </message>
    <message>
        <source>Replay: play or pause</source>
        <translation>Replay: play or pause</translation>
    </message>
    <message>
        <source>Replay: previous event</source>
        <translation>Replay: previous event</translation>
    </message>
    <message>
        <source>Replay: next event</source>
        <translation>Replay: next event</translation>
    </message>
    <message>
        <source>Leave the wall mode</source>
        <translation>Leave the wall mode</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Does</translation>
    </message>
    <message>
        <source>&amp;Audit checkpoint…</source>
        <translation>&amp;Audit checkpoint…</translation>
    </message>
</context>
<context>
    <name>sluice::console::NoticesPanel</name>
    <message>
        <source>All cohorts</source>
        <translation>All cohorts</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Cohort</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>all cohorts</source>
        <translation>all cohorts</translation>
    </message>
    <message>
        <source>Post this notice to the %1 people waiting in %2? It appears at once.

%3
%4</source>
        <translation>Post this notice to the %1 people waiting in %2? It appears at once.

%3
%4</translation>
    </message>
    <message>
        <source>Retract the notice “%1”?

It disappears from what the %2 people waiting see.</source>
        <translation>Retract the notice “%1”?

It disappears from what the %2 people waiting see.</translation>
    </message>
</context>
<context>
    <name>sluice::console::ResultLine</name>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
</context>
<context>
    <name>sluice::console::TilesPanel</name>
    <message>
        <source>People waiting</source>
        <translation>People waiting</translation>
    </message>
    <message>
        <source>Admitted per second</source>
        <translation>Admitted/s</translation>
    </message>
    <message>
        <source>ETA of the last in line</source>
        <translation>Last in line, ETA</translation>
    </message>
    <message>
        <source>Active booking sessions</source>
        <translation>Booking sessions</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Error rate</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>stale</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message numerus="yes">
        <source>%n cohort(s)</source>
        <translation>
            <numerusform>%n cohort</numerusform>
            <numerusform>%n cohorts</numerusform>
        </translation>
    </message>
    <message>
        <source>ceiling %1/s</source>
        <translation>ceiling %1/s</translation>
    </message>
    <message>
        <source>of %1 allowed</source>
        <translation>of %1 allowed</translation>
    </message>
    <message>
        <source>bypass attempts %1/s</source>
        <translation>bypass %1/s</translation>
    </message>
    <message>
        <source>Doses left to book</source>
        <translation>Doses left to book</translation>
    </message>
    <message numerus="yes">
        <source>today %1 · %n clinic(s)</source>
        <translation>
            <numerusform>today %1 · %n clinic</numerusform>
            <numerusform>today %1 · %n clinics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n closed</source>
        <translation>
            <numerusform>%n closed</numerusform>
            <numerusform>%n closed</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>%1 · %2 waiting</source>
        <translation>%1 · %2 waiting</translation>
    </message>
</context>
<context>
    <name>sluice::console::WallView</name>
    <message>
        <source>%1 waiting</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <source>%1/s of %2/s</source>
        <translation>%1/s of %2/s</translation>
    </message>
    <message>
        <source>✓ No active alerts</source>
        <translation>✓ No active alerts</translation>
    </message>
</context>
<context>
    <name>sluice::console::replay::RecordingController</name>
    <message>
        <source>Open recording</source>
        <translation>Open recording</translation>
    </message>
    <message>
        <source>Sluice recordings (*.sluicerec);;All files (*)</source>
        <translation>Sluice recordings (*.sluicerec);;All files (*)</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>Export charts</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Export series</source>
        <translation>Export series</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Export event log</source>
        <translation>Export event log</translation>
    </message>
    <message>
        <source>Open &amp;recording…</source>
        <translation>Open &amp;recording…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Charts as PNG…</source>
        <translation>Charts as PNG…</translation>
    </message>
    <message>
        <source>Series in the chart window as CSV…</source>
        <translation>Series in the chart window as CSV…</translation>
    </message>
    <message>
        <source>Event log as CSV…</source>
        <translation>Event log as CSV…</translation>
    </message>
    <message>
        <source>Recording settings…</source>
        <translation>Recording settings…</translation>
    </message>
    <message>
        <source>Replay timeline</source>
        <translation>Replay timeline</translation>
    </message>
    <message>
        <source>Replaying %1</source>
        <translation>Replaying %1</translation>
    </message>
    <message>
        <source>Recording stopped: %1. The live view carries on.</source>
        <translation>Recording stopped: %1. The live view carries on.</translation>
    </message>
    <message>
        <source>Recording time %1</source>
        <translation>Recording time %1</translation>
    </message>
    <message>
        <source>⚠ not recording</source>
        <translation>⚠ not recording</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Recording to %1</translation>
    </message>
    <message>
        <source>Recording settings</source>
        <translation>Recording settings</translation>
    </message>
    <message>
        <source>Keep at most this many MB of recordings (0: no limit):</source>
        <translation>Keep at most this many MB of recordings (0: no limit):</translation>
    </message>
    <message>
        <source>Delete recordings older than this many days (0: never):</source>
        <translation>Delete recordings older than this many days (0: never):</translation>
    </message>
    <message>
        <source>%1 saved to %2</source>
        <translation>%1 saved to %2</translation>
    </message>
    <message>
        <source>%1 not saved: %2</source>
        <translation>%1 not saved: %2</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Event log</translation>
    </message>
</context>
<context>
    <name>sluice::console::replay::TimelineWidget</name>
    <message>
        <source>REPLAY</source>
        <translation>REPLAY</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>Go to time (20:15:30, +5:00)</source>
        <translation>Go to time (20:15:30, +5:00)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Recording time: drag to seek. Markers: blue operator actions, red alerts, grey connection changes.</source>
        <translation>Recording time: drag to seek. Markers: blue operator actions, red alerts, grey connection changes.</translation>
    </message>
    <message>
        <source>no recording open</source>
        <translation>no recording open</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 of %3)</translation>
    </message>
    <message>
        <source>Not a time: %1</source>
        <translation>Not a time: %1</translation>
    </message>
    <message>
        <source>Previous event (Alt+Left)</source>
        <translation>Previous event (Alt+Left)</translation>
    </message>
    <message>
        <source>Next event (Alt+Right)</source>
        <translation>Next event (Alt+Right)</translation>
    </message>
</context>
</TS>
