<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AlertText</name>
    <message>
        <source>paused while people wait</source>
        <translation>대기자가 있는데 일시 중지</translation>
    </message>
    <message>
        <source>closed while people wait</source>
        <translation>대기자가 있는데 닫힘</translation>
    </message>
    <message>
        <source>admission far below the ceiling</source>
        <translation>입장이 상한보다 훨씬 느림</translation>
    </message>
    <message>
        <source>long wait for the last in line</source>
        <translation>마지막 대기자 대기 시간 과다</translation>
    </message>
    <message>
        <source>error rate</source>
        <translation>오류율</translation>
    </message>
    <message>
        <source>bypass attempts</source>
        <translation>우회 시도</translation>
    </message>
    <message>
        <source>slow booking</source>
        <translation>예약 지연</translation>
    </message>
    <message>
        <source>doses nearly gone</source>
        <translation>백신 거의 소진</translation>
    </message>
    <message>
        <source>identity provider breaker open</source>
        <translation>본인인증 차단기 열림</translation>
    </message>
    <message>
        <source>link to the server lost</source>
        <translation>서버 연결 끊김</translation>
    </message>
    <message>
        <source>stale data</source>
        <translation>오래된 데이터</translation>
    </message>
    <message>
        <source>all clinics</source>
        <translation>전체 의료기관</translation>
    </message>
    <message>
        <source>booking</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>this console</source>
        <translation>이 콘솔</translation>
    </message>
    <message>
        <source>whole system</source>
        <translation>시스템 전체</translation>
    </message>
    <message>
        <source>%1 paused for an incident: %2 people waiting, none admitted</source>
        <translation>%1 장애로 일시 중지: %2명 대기 중, 입장 0명</translation>
    </message>
    <message>
        <source>%1 paused: %2 people waiting, none admitted</source>
        <translation>%1 일시 중지: %2명 대기 중, 입장 0명</translation>
    </message>
    <message>
        <source>%1 closed, sold out: %2 people still waiting</source>
        <translation>%1 매진으로 닫힘: 아직 %2명 대기 중</translation>
    </message>
    <message>
        <source>%1 closed: %2 people still waiting</source>
        <translation>%1 닫힘: 아직 %2명 대기 중</translation>
    </message>
    <message>
        <source>%1 admits %2/s, %3 % of its %4/s ceiling: %5 people waiting</source>
        <translation>%1 입장 초당 %2명, 상한 초당 %4명의 %3%: %5명 대기 중</translation>
    </message>
    <message>
        <source> (booking zone full)</source>
        <translation> (예약 구역 가득 참)</translation>
    </message>
    <message>
        <source>%1: the last in line waits %2 (%3 people)</source>
        <translation>%1: 마지막 대기자 예상 대기 %2 (%3명)</translation>
    </message>
    <message>
        <source>error rate %1 % (HTTP 5xx and overload rejections)</source>
        <translation>오류율 %1% (HTTP 5xx 및 과부하 거부)</translation>
    </message>
    <message>
        <source>%1 bypass attempts per second (booking without admission)</source>
        <translation>초당 우회 시도 %1건 (입장 없이 예약 시도)</translation>
    </message>
    <message>
        <source>booking slow: p99 %1 ms on %2</source>
        <translation>예약 지연: %2에서 p99 %1 ms</translation>
    </message>
    <message>
        <source>only %1 doses left to book</source>
        <translation>예약 가능한 백신 %1회분만 남음</translation>
    </message>
    <message>
        <source>identity provider breaker %1: identity checks fail</source>
        <translation>본인인증 차단기 %1: 본인인증 실패 중</translation>
    </message>
    <message>
        <source>link to the server lost: the figures shown are old</source>
        <translation>서버 연결 끊김: 표시된 수치는 오래된 것입니다</translation>
    </message>
    <message>
        <source>no fresh data: the figures shown are stale</source>
        <translation>새 데이터 없음: 표시된 수치가 오래되었습니다</translation>
    </message>
</context>
<context>
    <name>Cohort</name>
    <message>
        <source>scheduled</source>
        <translation>예정</translation>
    </message>
    <message>
        <source>pre-queue</source>
        <translation>사전 대기</translation>
    </message>
    <message>
        <source>open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>수동</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>info</source>
        <translation>안내</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>주의</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>긴급</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 (incident)</source>
        <translation>%1 (장애)</translation>
    </message>
    <message>
        <source>%1 (sold out)</source>
        <translation>%1 (매진)</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Sluice operations console: watch and steer the waiting room.</source>
        <translation>Sluice 운영 콘솔: 대기실을 감시하고 조정합니다.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>이 도움말을 표시합니다.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>버전을 표시합니다.</translation>
    </message>
    <message>
        <source>Connect at start to the server&apos;s base URL, e.g. http://127.0.0.1:8080.</source>
        <translation>시작할 때 서버 기본 URL에 연결합니다. 예: http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>Read the operator token from FILE.</source>
        <translation>FILE에서 운영자 토큰을 읽습니다.</translation>
    </message>
    <message>
        <source>Save the main window as a PNG to FILE after --after seconds, then exit.</source>
        <translation>--after 초 뒤 주 창을 PNG로 FILE에 저장하고 종료합니다.</translation>
    </message>
    <message>
        <source>Seconds before the screenshot (default 3).</source>
        <translation>스크린샷까지의 초 (기본값 3).</translation>
    </message>
    <message>
        <source>Interface language: ko or en.</source>
        <translation>화면 언어: ko 또는 en.</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>예상하지 못한 인수: %1</translation>
    </message>
    <message>
        <source>--connect: expected a URL like http://127.0.0.1:8080, got %1</source>
        <translation>--connect: http://127.0.0.1:8080 형식의 URL이 필요합니다. 입력값: %1</translation>
    </message>
    <message>
        <source>--after: expected seconds between 0 and 3600</source>
        <translation>--after: 0에서 3600 사이의 초가 필요합니다</translation>
    </message>
    <message>
        <source>--lang: expected ko or en</source>
        <translation>--lang: ko 또는 en이어야 합니다</translation>
    </message>
    <message>
        <source>Record the session to FILE without a window (needs --connect and --duration).</source>
        <translation>창 없이 세션을 FILE에 녹화합니다 (--connect와 --duration 필요).</translation>
    </message>
    <message>
        <source>Seconds to record with --record.</source>
        <translation>--record로 녹화할 시간(초).</translation>
    </message>
    <message>
        <source>Open the recording FILE in replay mode.</source>
        <translation>녹화 FILE을 재생 모드로 엽니다.</translation>
    </message>
    <message>
        <source>With --replay: start at TIME (20:15:30, 2021-07-19 20:15, +5:00).</source>
        <translation>--replay와 함께: TIME부터 시작합니다 (20:15:30, 2021-07-19 20:15, +5:00).</translation>
    </message>
    <message>
        <source>--record needs --connect URL and --duration S</source>
        <translation>--record에는 --connect URL과 --duration S가 필요합니다</translation>
    </message>
    <message>
        <source>--duration: expected seconds greater than 0</source>
        <translation>--duration: 0보다 큰 초가 필요합니다</translation>
    </message>
    <message>
        <source>--replay cannot be combined with --connect or --record</source>
        <translation>--replay는 --connect 또는 --record와 함께 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>--at needs --replay</source>
        <translation>--at에는 --replay가 필요합니다</translation>
    </message>
    <message>
        <source>Show a scripted scene instead of a server (screenshots, training): normal, paused, soldout, frozen or replay.</source>
        <translation>서버 대신 스크립트 장면을 표시합니다(스크린샷, 교육): normal, paused, soldout, frozen, replay.</translation>
    </message>
    <message>
        <source>Start in the wall mode (full screen).</source>
        <translation>상황판 모드(전체 화면)로 시작합니다.</translation>
    </message>
    <message>
        <source>--scenario: expected normal, paused, soldout, frozen or replay</source>
        <translation>--scenario: normal, paused, soldout, frozen, replay 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>--scenario cannot be combined with --connect, --replay or --record</source>
        <translation>--scenario는 --connect, --replay, --record와 함께 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>For https:// servers: trust the CA certificate(s) in this PEM FILE instead of the system&apos;s CA store.</source>
        <translation>https:// 서버: 시스템 CA 저장소 대신 이 PEM 파일(FILE)의 CA 인증서를 신뢰합니다.</translation>
    </message>
    <message>
        <source>For https:// servers: accept only the certificate with this SHA-256 fingerprint (as `openssl x509 -noout -fingerprint -sha256` prints it).</source>
        <translation>https:// 서버: 이 SHA-256 지문의 인증서만 받아들입니다(`openssl x509 -noout -fingerprint -sha256`이 출력하는 형식).</translation>
    </message>
    <message>
        <source>--pin-sha256: expected 64 hex digits (AB:CD:…), got %1</source>
        <translation>--pin-sha256: 16진수 64자리(AB:CD:…)가 필요하지만 %1을(를) 받았습니다</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>서버에 연결</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>프로필</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>e.g. Control room</source>
        <translation>예: 상황실</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>서버 URL</translation>
    </message>
    <message>
        <source>Operator token</source>
        <translation>운영자 토큰</translation>
    </message>
    <message>
        <source>Leave empty to use the saved token</source>
        <translation>저장된 토큰을 쓰려면 비워 두세요</translation>
    </message>
    <message>
        <source>Save the token for this profile (owner-only file, not in the profile)</source>
        <translation>이 프로필의 토큰 저장 (소유자 전용 파일, 프로필에는 저장하지 않음)</translation>
    </message>
</context>
<context>
    <name>DataSource</name>
    <message>
        <source>Disconnected</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>데이터 없음</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>재연결 중</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>all cohorts</source>
        <translation>모든 집단</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>running</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>errors %1 %</source>
        <translation>오류 %1%</translation>
    </message>
    <message>
        <source>outage</source>
        <translation>장애</translation>
    </message>
    <message>
        <source>closed (normal)</source>
        <translation>닫힘(정상)</translation>
    </message>
    <message>
        <source>open (failing)</source>
        <translation>열림(차단)</translation>
    </message>
    <message>
        <source>half-open (testing)</source>
        <translation>반열림(시험 중)</translation>
    </message>
    <message>
        <source>pause %1 (incident)</source>
        <translation>%1 입장 일시 중지 (장애)</translation>
    </message>
    <message>
        <source>pause %1</source>
        <translation>%1 입장 일시 중지</translation>
    </message>
    <message>
        <source>resume %1</source>
        <translation>%1 입장 재개</translation>
    </message>
    <message>
        <source>%1 admission rate %2 → %3/s</source>
        <translation>%1 입장 속도 %2 → %3/초</translation>
    </message>
    <message>
        <source>%1 admission rate → %2/s</source>
        <translation>%1 입장 속도 → %2/초</translation>
    </message>
    <message>
        <source>%1 max active sessions %2 → %3</source>
        <translation>%1 최대 동시 예약 세션 %2 → %3</translation>
    </message>
    <message>
        <source>%1 max active sessions → %2</source>
        <translation>%1 최대 동시 예약 세션 → %2</translation>
    </message>
    <message>
        <source>%1 admission mode %2 → %3</source>
        <translation>%1 입장 방식 %2 → %3</translation>
    </message>
    <message>
        <source>%1 admission mode → %2</source>
        <translation>%1 입장 방식 → %2</translation>
    </message>
    <message>
        <source>notice to %1: “%2”</source>
        <translation>%1에 공지: “%2”</translation>
    </message>
    <message>
        <source>retract notice #%1</source>
        <translation>공지 #%1 철회</translation>
    </message>
    <message>
        <source>retract notice “%1”</source>
        <translation>공지 “%1” 철회</translation>
    </message>
    <message>
        <source>identity provider drill: %1</source>
        <translation>본인인증 장애 훈련: %1</translation>
    </message>
    <message>
        <source>approve %1&apos;s command</source>
        <translation>%1의 조치 승인</translation>
    </message>
    <message>
        <source>acknowledge alert “%1”</source>
        <translation>경보 확인 “%1”</translation>
    </message>
    <message>
        <source>operator action</source>
        <translation>운영자 조치</translation>
    </message>
    <message>
        <source>approval requested</source>
        <translation>승인 요청</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>승인됨</translation>
    </message>
    <message>
        <source>approval expired</source>
        <translation>승인 만료</translation>
    </message>
    <message>
        <source>alert acknowledged</source>
        <translation>경보 확인</translation>
    </message>
    <message>
        <source>notice posted</source>
        <translation>공지 게시</translation>
    </message>
    <message>
        <source>notice retracted</source>
        <translation>공지 철회</translation>
    </message>
    <message>
        <source>cohort state</source>
        <translation>집단 상태</translation>
    </message>
    <message>
        <source>cohort opened</source>
        <translation>입장 시작</translation>
    </message>
    <message>
        <source>sold out</source>
        <translation>매진</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>rate changed</source>
        <translation>입장 속도 변경</translation>
    </message>
    <message>
        <source>max active changed</source>
        <translation>최대 세션 변경</translation>
    </message>
    <message>
        <source>mode changed</source>
        <translation>입장 방식 변경</translation>
    </message>
    <message>
        <source>server alert</source>
        <translation>서버 경보</translation>
    </message>
    <message>
        <source>server started</source>
        <translation>서버 시작</translation>
    </message>
    <message>
        <source>server stopping</source>
        <translation>서버 종료</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>경보</translation>
    </message>
    <message>
        <source>alert cleared</source>
        <translation>경보 해제</translation>
    </message>
    <message>
        <source>my action</source>
        <translation>내 조치</translation>
    </message>
    <message>
        <source>console</source>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>%1 asks a second operator to approve: %2</source>
        <translation>%1: 두 번째 운영자 승인 요청 — %2</translation>
    </message>
    <message>
        <source>%1 asks a second operator to approve: %2 (%3)</source>
        <translation>%1: 두 번째 운영자 승인 요청 — %2 (%3)</translation>
    </message>
    <message>
        <source>%1 approved %2&apos;s command: %3</source>
        <translation>%1이(가) %2의 조치를 승인: %3</translation>
    </message>
    <message>
        <source>%1&apos;s command expired unapproved: %2</source>
        <translation>%1의 조치가 승인 없이 만료됨: %2</translation>
    </message>
    <message>
        <source>%1 acknowledged the alert “%2”</source>
        <translation>%1: 경보 확인 — “%2”</translation>
    </message>
    <message>
        <source>%1 acknowledged the alert “%2”: %3</source>
        <translation>%1: 경보 확인 — “%2”: %3</translation>
    </message>
    <message>
        <source>%1 posted a notice to %2 (%3): “%4”</source>
        <translation>%1: %2에 공지 게시 (%3): “%4”</translation>
    </message>
    <message>
        <source>notice #%1 retracted</source>
        <translation>공지 #%1 철회됨</translation>
    </message>
    <message>
        <source>notice “%1” retracted</source>
        <translation>공지 “%1” 철회됨</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: 상태 %2 → %3</translation>
    </message>
    <message>
        <source>%1 opened: %2 people in the pre-queue shuffled (seed %3)</source>
        <translation>%1 입장 시작: 사전 대기 %2명 순서 추첨 (시드 %3)</translation>
    </message>
    <message>
        <source>%1: no doses left to book, admission stopped</source>
        <translation>%1: 예약 가능한 백신 소진, 입장 중단</translation>
    </message>
    <message>
        <source>%1: admission paused</source>
        <translation>%1: 입장 일시 중지됨</translation>
    </message>
    <message>
        <source>%1: admission resumed</source>
        <translation>%1: 입장 재개됨</translation>
    </message>
    <message>
        <source>%1: admission rate %2 → %3/s</source>
        <translation>%1: 입장 속도 %2 → %3/초</translation>
    </message>
    <message>
        <source>%1: max active sessions %2 → %3</source>
        <translation>%1: 최대 동시 예약 세션 %2 → %3</translation>
    </message>
    <message>
        <source>%1: admission mode %2 → %3</source>
        <translation>%1: 입장 방식 %2 → %3</translation>
    </message>
    <message>
        <source>identity provider breaker %1 → %2</source>
        <translation>본인인증 차단기 %1 → %2</translation>
    </message>
    <message>
        <source>booking errors: %1 % of %2 requests failed (p99 %3 ms)</source>
        <translation>예약 오류: 요청 %2건 중 %1% 실패 (p99 %3 ms)</translation>
    </message>
    <message>
        <source>server started (version %1, node %2)</source>
        <translation>서버 시작 (버전 %1, 노드 %2)</translation>
    </message>
    <message>
        <source>server stopping (node %1)</source>
        <translation>서버 종료 중 (노드 %1)</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>%1에 연결됨</translation>
    </message>
    <message>
        <source>connection restored</source>
        <translation>연결 복구됨</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>malformed frame skipped: %1</source>
        <translation>잘못된 프레임 건너뜀: %1</translation>
    </message>
    <message>
        <source>undecodable message skipped: %1</source>
        <translation>해석할 수 없는 메시지 건너뜀: %1</translation>
    </message>
    <message>
        <source>frames missed (seq gap): asking for a snapshot</source>
        <translation>프레임 누락(seq 건너뜀): 스냅샷 요청</translation>
    </message>
    <message>
        <source>%1: sent: %2</source>
        <translation>%1: 보냄: %2</translation>
    </message>
    <message>
        <source>not sent (not connected or not allowed): %1</source>
        <translation>보내지 않음(연결 안 됨 또는 권한 없음): %1</translation>
    </message>
    <message>
        <source>refused by the server: %1: %2</source>
        <translation>서버가 거부함: %1: %2</translation>
    </message>
    <message>
        <source>alert: %1</source>
        <translation>경보: %1</translation>
    </message>
    <message>
        <source>alert over: %1</source>
        <translation>경보 해제: %1</translation>
    </message>
    <message>
        <source>%1 acknowledged the alert “%2” on this console only (%3)</source>
        <translation>%1: 이 콘솔에서만 경보 확인 — “%2” (%3)</translation>
    </message>
    <message>
        <source>──── new data source: %1 ────</source>
        <translation>──── 새 데이터 원본: %1 ────</translation>
    </message>
    <message>
        <source>proof of work %1 bits</source>
        <translation>작업 증명 %1비트</translation>
    </message>
    <message>
        <source>proof of work off</source>
        <translation>작업 증명 끔</translation>
    </message>
    <message>
        <source>%1 new tickets/min per address</source>
        <translation>주소당 분당 새 번호표 %1개</translation>
    </message>
    <message>
        <source>join limit off</source>
        <translation>참가 제한 끔</translation>
    </message>
    <message>
        <source>%1 abuse screening: %2</source>
        <translation>%1 악용 차단: %2</translation>
    </message>
    <message>
        <source>screening changed</source>
        <translation>악용 차단 변경</translation>
    </message>
    <message>
        <source>%1: abuse screening %2 → %3</source>
        <translation>%1: 악용 차단 %2 → %3</translation>
    </message>
</context>
<context>
    <name>LinkStatus</name>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>Next attempt in %1 s (attempt %2).</source>
        <translation>%1초 후 다시 시도합니다(%2번째 시도).</translation>
    </message>
    <message>
        <source>Connecting again (attempt %1)…</source>
        <translation>다시 연결하는 중(%1번째 시도)…</translation>
    </message>
    <message>
        <source>No data for %1 (last frame at %2).</source>
        <translation>%1 동안 데이터 없음(마지막 프레임 %2).</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1에 연결하는 중…</translation>
    </message>
    <message>
        <source>No server answers at %1: check that sluice-server runs and that the address is right.</source>
        <translation>%1에서 응답하는 서버가 없습니다: sluice-server가 실행 중인지, 주소가 맞는지 확인하십시오.</translation>
    </message>
    <message>
        <source>Wrong address: %1 answers, but has no operations stream there (HTTP 404). Enter the server&apos;s base URL, e.g. http://host:8080.</source>
        <translation>잘못된 주소: %1이(가) 응답하지만 그 경로에 운영 스트림이 없습니다(HTTP 404). 서버의 기본 URL(예: http://host:8080)을 입력하십시오.</translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP %2).</source>
        <translation>%1이(가) 연결을 거부했습니다(HTTP %2).</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (%2): check the server&apos;s certificate and the URL&apos;s https.</source>
        <translation>%1에 대한 보안 연결 실패(%2): 서버 인증서와 URL의 https를 확인하십시오.</translation>
    </message>
    <message>
        <source>The server refused the operator token. Enter a new token; the console does not try again with this one.</source>
        <translation>서버가 운영자 토큰을 거부했습니다. 새 토큰을 입력하십시오. 이 토큰으로는 다시 시도하지 않습니다.</translation>
    </message>
    <message>
        <source>Your operator token was revoked. Ask an administrator for a new one and enter it.</source>
        <translation>운영자 토큰이 폐기되었습니다. 관리자에게 새 토큰을 받아 입력하십시오.</translation>
    </message>
    <message>
        <source>The server is restarting.</source>
        <translation>서버가 다시 시작하는 중입니다.</translation>
    </message>
    <message>
        <source>The server has stopped answering.</source>
        <translation>서버가 응답을 멈췄습니다.</translation>
    </message>
    <message>
        <source>The server dropped this console: it read too slowly.</source>
        <translation>서버가 이 콘솔의 연결을 끊었습니다: 읽기가 너무 느렸습니다.</translation>
    </message>
    <message>
        <source>Connection to %1 lost.</source>
        <translation>%1과(와)의 연결이 끊겼습니다.</translation>
    </message>
</context>
<context>
    <name>NoticeComposer</name>
    <message>
        <source>New notice to the people waiting</source>
        <translation>대기자에게 보낼 새 공지</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>대상 집단</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>중요도</translation>
    </message>
    <message>
        <source>Post notice…</source>
        <translation>공지 게시…</translation>
    </message>
    <message>
        <source>Active notices</source>
        <translation>게시 중인 공지</translation>
    </message>
    <message>
        <source>Retract…</source>
        <translation>철회…</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>cannot create %1</source>
        <translation>%1을(를) 만들 수 없습니다</translation>
    </message>
    <message>
        <source>a profile needs a name</source>
        <translation>프로필 이름이 필요합니다</translation>
    </message>
    <message>
        <source>the token file is empty</source>
        <translation>토큰 파일이 비어 있습니다</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <source>The recording file already exists</source>
        <translation>녹화 파일이 이미 있습니다</translation>
    </message>
    <message>
        <source>Cannot create the recordings folder</source>
        <translation>녹화 폴더를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot create the recording file</source>
        <translation>녹화 파일을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>The recording is not open</source>
        <translation>녹화가 열려 있지 않습니다</translation>
    </message>
    <message>
        <source>Cannot write to the recording</source>
        <translation>녹화에 쓸 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <source>could not write the image</source>
        <translation>이미지를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open %1: the file does not exist.</source>
        <translation>%1을(를) 열 수 없습니다: 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>%1을(를) 열 수 없습니다: %2.</translation>
    </message>
    <message>
        <source>%1 is not a Sluice recording (it is not an SQLite database).</source>
        <translation>%1은(는) Sluice 녹화가 아닙니다 (SQLite 데이터베이스가 아닙니다).</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be replayed (%2).</source>
        <translation>%1이(가) 손상되어 재생할 수 없습니다 (%2).</translation>
    </message>
    <message>
        <source>%1 is not a Sluice recording (an SQLite database of another kind).</source>
        <translation>%1은(는) Sluice 녹화가 아닙니다 (다른 종류의 SQLite 데이터베이스입니다).</translation>
    </message>
    <message>
        <source>%1 was recorded by a newer console (recording format %2); this console reads formats up to %3. Update the console to replay it.</source>
        <translation>%1은(는) 더 새로운 콘솔에서 녹화되었습니다 (녹화 형식 %2). 이 콘솔은 형식 %3까지 읽을 수 있습니다. 재생하려면 콘솔을 업데이트하십시오.</translation>
    </message>
    <message>
        <source>%1 contains no recorded frames.</source>
        <translation>%1에는 녹화된 프레임이 없습니다.</translation>
    </message>
    <message>
        <source>Recording %1</source>
        <translation>녹화 %1</translation>
    </message>
    <message>
        <source>In the recording: %1.</source>
        <translation>녹화 당시: %1.</translation>
    </message>
    <message>
        <source>In the recording: %1 (%2).</source>
        <translation>녹화 당시: %1 (%2).</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>demo scene (scripted data)</source>
        <translation>시연 장면(스크립트 데이터)</translation>
    </message>
</context>
<context>
    <name>TlsTrust</name>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation>CA 파일 %1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>CA 파일 %1에 PEM 인증서가 없습니다</translation>
    </message>
    <message>
        <source>not a SHA-256 certificate fingerprint: %1 (expected 64 hex digits, as `openssl x509 -noout -fingerprint -sha256 -in CERT` prints them)</source>
        <translation>SHA-256 인증서 지문이 아닙니다: %1 (`openssl x509 -noout -fingerprint -sha256 -in CERT`이 출력하는 16진수 64자리가 필요합니다)</translation>
    </message>
    <message>
        <source>certificate %1, issued by %2, SHA-256 %3</source>
        <translation>인증서 %1, 발급자 %2, SHA-256 %3</translation>
    </message>
    <message>
        <source>the server showed no certificate</source>
        <translation>서버가 인증서를 보내지 않았습니다</translation>
    </message>
    <message>
        <source>the server&apos;s certificate (SHA-256 %1) is not the pinned one (%2)</source>
        <translation>서버 인증서(SHA-256 %1)가 고정된 인증서(%2)가 아닙니다</translation>
    </message>
    <message>
        <source>the pinned certificate is not usable: %1</source>
        <translation>고정된 인증서를 쓸 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>sluice::console::AlertListModel</name>
    <message>
        <source>not acknowledged</source>
        <translation>확인 안 됨</translation>
    </message>
    <message>
        <source>acknowledging…</source>
        <translation>확인 보내는 중…</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1 at %2 (this console only)</source>
        <translation>%1, %2 (이 콘솔에서만)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>중요도</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>경보</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>확인</translation>
    </message>
</context>
<context>
    <name>sluice::console::AlertsPanel</name>
    <message>
        <source>Note (optional)</source>
        <translation>메모(선택)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Acknowledge the selected alert, else the oldest unacknowledged one (Ctrl+K). Every console and the audit log see who.</source>
        <translation>선택한 경보를, 없으면 가장 오래된 미확인 경보를 확인합니다(Ctrl+K). 모든 콘솔과 감사 로그에 누가 확인했는지 남습니다.</translation>
    </message>
    <message>
        <source>♪ Sound on</source>
        <translation>♪ 소리 켬</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>소리 끔</translation>
    </message>
    <message>
        <source>Sound for critical alerts</source>
        <translation>긴급 경보 소리</translation>
    </message>
    <message>
        <source>✓ No active alerts</source>
        <translation>✓ 활성 경보 없음</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n active alert(s)</source>
        <translation>
            <numerusform>⚠ 활성 경보 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n critical</source>
        <translation>
            <numerusform>긴급 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not acknowledged</source>
        <translation>
            <numerusform>미확인 %n건</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::console::ApprovalsPanel</name>
    <message>
        <source>Waiting for a second operator</source>
        <translation>두 번째 운영자 승인 대기</translation>
    </message>
    <message>
        <source>My actions</source>
        <translation>내 조치</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>승인…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>조치</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>요청자</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>만료</translation>
    </message>
    <message>
        <source>A second operator must approve this.</source>
        <translation>다른 운영자가 승인해야 합니다.</translation>
    </message>
    <message>
        <source>Approve %1&apos;s command?

%2
%3</source>
        <translation>%1의 조치를 승인하시겠습니까?

%2
%3</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
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
        <translation>감사 기록 체크포인트
최신 행: %1
행 해시: %2
서명 시각: %3
서버 노드: %4
서명(HMAC-SHA256): %5

이 파일은 서버 밖에 보관하세요. 나중에 &apos;sluice-server audit verify --checkpoint FILE&apos;로 이 행까지의 기록이 바뀌거나 지워졌는지 확인할 수 있습니다.</translation>
    </message>
    <message>
        <source>(empty log)</source>
        <translation>(빈 기록)</translation>
    </message>
    <message>
        <source>Audit #%1 · %2…</source>
        <translation>감사 #%1 · %2…</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>비어 있음</translation>
    </message>
    <message>
        <source>Last refresh failed: %1</source>
        <translation>마지막 갱신 실패: %1</translation>
    </message>
    <message>
        <source>Audit: unavailable</source>
        <translation>감사: 확인 불가</translation>
    </message>
    <message>
        <source>The audit checkpoint could not be fetched: %1</source>
        <translation>감사 체크포인트를 가져올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Audit: …</source>
        <translation>감사: …</translation>
    </message>
    <message>
        <source>no checkpoint has been received yet</source>
        <translation>아직 받은 체크포인트가 없습니다</translation>
    </message>
    <message>
        <source>Audit checkpoint</source>
        <translation>감사 체크포인트</translation>
    </message>
    <message>
        <source>Connect to a live server first: a replay has no audit log.</source>
        <translation>먼저 실시간 서버에 연결하세요: 재생에는 감사 기록이 없습니다.</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>서버에 요청 중…</translation>
    </message>
    <message>
        <source>Save audit checkpoint</source>
        <translation>감사 체크포인트 저장</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1을(를) 저장할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>sluice::console::ChartsPanel</name>
    <message>
        <source>Window</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5분</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1시간</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24시간</translation>
    </message>
    <message>
        <source>Queue depth per cohort</source>
        <translation>집단별 대기 인원</translation>
    </message>
    <message>
        <source>Admission rate (per s)</source>
        <translation>입장 속도 (초당)</translation>
    </message>
    <message>
        <source>Errors by kind (per s)</source>
        <translation>종류별 오류 (초당)</translation>
    </message>
    <message>
        <source>Request latency, slowest route (ms)</source>
        <translation>요청 지연, 가장 느린 경로 (ms)</translation>
    </message>
    <message>
        <source>%1 — stale</source>
        <translation>%1 — 오래된 데이터</translation>
    </message>
    <message>
        <source>admitted</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>ceiling</source>
        <translation>상한</translation>
    </message>
    <message>
        <source>sold out</source>
        <translation>매진</translation>
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
        <translation>우회 시도</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>본인인증</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>예약 충돌</translation>
    </message>
    <message>
        <source>overload</source>
        <translation>과부하</translation>
    </message>
</context>
<context>
    <name>sluice::console::ClinicPanel</name>
    <message>
        <source>All regions</source>
        <translation>모든 지역</translation>
    </message>
    <message>
        <source>Search clinic, district or id</source>
        <translation>의료기관, 구 또는 ID 검색</translation>
    </message>
    <message>
        <source>%1 of %2 clinics</source>
        <translation>의료기관 %2곳 중 %1곳</translation>
    </message>
</context>
<context>
    <name>sluice::console::ClinicTableModel</name>
    <message>
        <source>Clinic</source>
        <translation>의료기관</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>지역</translation>
    </message>
    <message>
        <source>District</source>
        <translation>구</translation>
    </message>
    <message>
        <source>Left today</source>
        <translation>오늘 잔여</translation>
    </message>
    <message>
        <source>Left in window</source>
        <translation>기간 잔여</translation>
    </message>
    <message>
        <source>Booked/min</source>
        <translation>분당 예약</translation>
    </message>
    <message>
        <source>%1 (%2)
Doses left today: %3, in the booking window: %4</source>
        <translation>%1 (%2)
오늘 남은 백신: %3, 예약 기간 잔여: %4</translation>
    </message>
</context>
<context>
    <name>sluice::console::CohortPanel</name>
    <message>
        <source>Viewers cannot act.</source>
        <translation>조회 전용 사용자는 조치할 수 없습니다.</translation>
    </message>
    <message>
        <source>Actions are disabled while disconnected.</source>
        <translation>연결이 끊긴 동안에는 조치할 수 없습니다.</translation>
    </message>
    <message>
        <source>Selected cohort</source>
        <translation>선택한 집단</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>일시 중지…</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>장애</translation>
    </message>
    <message>
        <source>Paused for an incident: resuming needs a second operator when the two-person rule is on.</source>
        <translation>장애로 인한 일시 중지: 2인 승인 규칙이 켜져 있으면 재개에 다른 운영자의 승인이 필요합니다.</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>재개…</translation>
    </message>
    <message>
        <source>Rate ceiling/s</source>
        <translation>초당 입장 상한</translation>
    </message>
    <message>
        <source>Set rate…</source>
        <translation>속도 설정…</translation>
    </message>
    <message>
        <source>Max active</source>
        <translation>최대 동시 세션</translation>
    </message>
    <message>
        <source>Set max active…</source>
        <translation>최대 세션 설정…</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>방식</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>수동</translation>
    </message>
    <message>
        <source>automatic (AIMD)</source>
        <translation>자동 (AIMD)</translation>
    </message>
    <message>
        <source>Apply mode…</source>
        <translation>방식 적용…</translation>
    </message>
    <message>
        <source>Pause admission for %1?

%2 people waiting in this cohort see the pause at once and nobody is admitted until it resumes.</source>
        <translation>%1 입장을 일시 중지하시겠습니까?

이 집단에서 대기 중인 %2명에게 즉시 중지가 표시되고, 재개할 때까지 아무도 입장하지 못합니다.</translation>
    </message>
    <message>
        <source>Marked as an incident: resuming will need a second operator when the two-person rule is on.</source>
        <translation>장애로 표시됨: 2인 승인 규칙이 켜져 있으면 재개에 두 번째 운영자가 필요합니다.</translation>
    </message>
    <message>
        <source>Not marked as an incident.</source>
        <translation>장애로 표시하지 않음.</translation>
    </message>
    <message>
        <source>Resume admission for %1?

%2 people waiting start being admitted again, at up to %3 per second.</source>
        <translation>%1 입장을 재개하시겠습니까?

대기 중인 %2명이 초당 최대 %3명씩 다시 입장하기 시작합니다.</translation>
    </message>
    <message>
        <source>This cohort was paused for an incident: with the two-person rule a second operator must approve the resume.</source>
        <translation>이 집단은 장애로 일시 중지되었습니다: 2인 승인 규칙이 켜져 있으면 두 번째 운영자가 재개를 승인해야 합니다.</translation>
    </message>
    <message>
        <source>Change the admission ceiling of %1 from %2 to %3 per second?

%4 people are waiting; the waiting times they see change.</source>
        <translation>%1의 초당 입장 상한을 %2에서 %3(으)로 바꾸시겠습니까?

%4명이 대기 중이며, 이들에게 보이는 대기 시간이 바뀝니다.</translation>
    </message>
    <message>
        <source>Change the booking sessions allowed at once for %1 from %2 to %3?

%4 sessions are active now.</source>
        <translation>%1의 최대 동시 예약 세션을 %2에서 %3(으)로 바꾸시겠습니까?

지금 활성 세션은 %4개입니다.</translation>
    </message>
    <message>
        <source>Switch the admission of %1 from %2 to %3?

%4 people are waiting.</source>
        <translation>%1의 입장 방식을 %2에서 %3(으)로 바꾸시겠습니까?

%4명이 대기 중입니다.</translation>
    </message>
    <message>
        <source>%1 bits (about %2 hashes per new ticket)</source>
        <translation>%1비트(새 번호표 하나에 해시 약 %2회)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>%1 new tickets a minute per address</source>
        <translation>주소당 분당 새 번호표 %1개</translation>
    </message>
    <message>
        <source>Change the abuse screening of %1?

Proof of work: %2 → %3.
Join limit: %4 → %5.

Only new tickets are screened: the %6 people who hold a place keep it without any work. Many citizens share one mobile carrier address, so keep the limit generous.</source>
        <translation>%1의 악용 차단 설정을 바꿀까요?

작업 증명: %2 → %3.
참가 제한: %4 → %5.

새 번호표만 검사합니다. 이미 자리를 가진 %6명은 아무 작업 없이 자리를 유지합니다. 이동통신사 주소 하나를 많은 시민이 함께 쓰므로 제한은 넉넉하게 두세요.</translation>
    </message>
    <message>
        <source>Proof of work</source>
        <translation>작업 증명</translation>
    </message>
    <message>
        <source> bits</source>
        <translation>비트</translation>
    </message>
    <message>
        <source>Each new ticket costs about 2^bits SHA-256 hashes in the citizen&apos;s browser (12: about a third of a second; 16: several seconds). 0: off.</source>
        <translation>새 번호표마다 시민의 브라우저에서 SHA-256 해시를 약 2^비트 회 계산합니다(12: 약 0.3초, 16: 몇 초). 0: 끔.</translation>
    </message>
    <message>
        <source>New tickets/min per address</source>
        <translation>주소당 분당 새 번호표</translation>
    </message>
    <message>
        <source>New tickets one client address may draw a minute; rejoins with a held ticket are never limited. 0: off.</source>
        <translation>클라이언트 주소 하나가 1분에 받을 수 있는 새 번호표 수입니다. 가진 번호표로 다시 들어오는 것은 제한하지 않습니다. 0: 끔.</translation>
    </message>
    <message>
        <source>Apply screening…</source>
        <translation>차단 설정 적용…</translation>
    </message>
</context>
<context>
    <name>sluice::console::CohortTableModel</name>
    <message>
        <source>Cohort</source>
        <translation>대상 집단</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>발급</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>입장 번호</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Rate ceiling/s</source>
        <translation>초당 입장 상한</translation>
    </message>
    <message>
        <source>Admitted/s</source>
        <translation>초당 입장</translation>
    </message>
    <message>
        <source>Max active</source>
        <translation>최대 동시 세션</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성 세션</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>방식</translation>
    </message>
    <message>
        <source>ETA last</source>
        <translation>마지막 대기자 예상</translation>
    </message>
</context>
<context>
    <name>sluice::console::CommandTracker</name>
    <message>
        <source>Pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>승인 대기</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>보내지 않음</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>보낸 시각</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>조치</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation>서버 응답</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결되지 않음</translation>
    </message>
    <message>
        <source>notice #%1</source>
        <translation>공지 #%1</translation>
    </message>
</context>
<context>
    <name>sluice::console::ConnectDialog</name>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>(new profile)</source>
        <translation>(새 프로필)</translation>
    </message>
    <message>
        <source>Operator token</source>
        <translation>운영자 토큰</translation>
    </message>
    <message>
        <source>Leave empty to use the saved token</source>
        <translation>저장된 토큰을 쓰려면 비워 두세요</translation>
    </message>
    <message>
        <source>Enter the server&apos;s base URL, e.g. http://127.0.0.1:8080.</source>
        <translation>서버 기본 URL을 입력하세요. 예: http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>An operator token is needed.</source>
        <translation>운영자 토큰이 필요합니다.</translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation>프로필을 저장할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>sluice::console::ConsoleSession</name>
    <message>
        <source>this console</source>
        <translation>이 콘솔</translation>
    </message>
    <message>
        <source>the server does not share acknowledgements</source>
        <translation>서버가 경보 확인 공유를 지원하지 않음</translation>
    </message>
    <message>
        <source>no data source</source>
        <translation>데이터 원본 없음</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>viewers cannot send it</source>
        <translation>조회자는 보낼 수 없음</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결되지 않음</translation>
    </message>
</context>
<context>
    <name>sluice::console::DrillPanel</name>
    <message>
        <source>Change the identity provider simulation to p50 %1 ms, p99 %2 ms, error rate %3, outage %4? Identity checks for citizens get slower or fail.</source>
        <translation>본인인증 모의 설정을 p50 %1 ms, p99 %2 ms, 오류율 %3, 장애 %4(으)로 바꾸시겠습니까? 시민의 본인인증이 느려지거나 실패합니다.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Identity provider drill (rehearsal)</source>
        <translation>본인인증 장애 훈련(리허설)</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>지연</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>오류율</translation>
    </message>
    <message>
        <source>simulate an outage</source>
        <translation>장애 모의</translation>
    </message>
    <message>
        <source>Apply drill…</source>
        <translation>훈련 적용…</translation>
    </message>
    <message>
        <source>For rehearsals only: the booking module&apos;s identity provider answers slower, fails or is down for every citizen.</source>
        <translation>리허설 전용: 예약 모듈의 본인인증이 모든 시민에게 느려지거나 실패하거나 중단됩니다.</translation>
    </message>
</context>
<context>
    <name>sluice::console::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>중요도</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>운영자</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>내용</translation>
    </message>
</context>
<context>
    <name>sluice::console::EventLogPanel</name>
    <message>
        <source>All severities</source>
        <translation>모든 중요도</translation>
    </message>
    <message>
        <source>Filter by text, kind or operator</source>
        <translation>내용, 종류 또는 운영자로 거르기</translation>
    </message>
</context>
<context>
    <name>sluice::console::LiveSource</name>
    <message>
        <source>not a JSON object</source>
        <translation>JSON 객체가 아님</translation>
    </message>
    <message>
        <source>no data for %1 s</source>
        <translation>%1초 동안 데이터 없음</translation>
    </message>
    <message>
        <source>no answer to the connection request</source>
        <translation>연결 요청에 응답 없음</translation>
    </message>
</context>
<context>
    <name>sluice::console::MainWindow</name>
    <message>
        <source>About Sluice</source>
        <translation>Sluice 정보</translation>
    </message>
    <message>
        <source>Sluice operations console %1
Qt %2</source>
        <translation>Sluice 운영 콘솔 %1
Qt %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>연결(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>연결 끊기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>정보(&amp;A)</translation>
    </message>
    <message>
        <source>Cohorts</source>
        <translation>대상 집단</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>공지</translation>
    </message>
    <message>
        <source>Approvals and my actions</source>
        <translation>승인 및 내 조치</translation>
    </message>
    <message>
        <source>Clinic stock</source>
        <translation>의료기관 백신 재고</translation>
    </message>
    <message>
        <source>Not sent: actions are disabled (%1).</source>
        <translation>보내지 않음: 조치가 비활성화되어 있습니다 (%1).</translation>
    </message>
    <message>
        <source>Confirm action</source>
        <translation>조치 확인</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>보내지 않음: %1</translation>
    </message>
    <message>
        <source>Pending: %1</source>
        <translation>응답 대기: %1</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>재생 / REPLAY</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결되지 않음</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>아직 데이터 없음</translation>
    </message>
    <message>
        <source>last update %1 s ago</source>
        <translation>마지막 갱신 %1초 전</translation>
    </message>
    <message>
        <source>Not connected. Use File → Connect… to choose a server.</source>
        <translation>연결되지 않았습니다. 파일 → 연결…에서 서버를 선택하세요.</translation>
    </message>
    <message>
        <source>Disconnected. The figures shown are the last ones received.</source>
        <translation>연결이 끊겼습니다. 표시된 수치는 마지막으로 받은 값입니다.</translation>
    </message>
    <message>
        <source>No data for %1 s: the figures shown are stale.</source>
        <translation>%1초 동안 데이터가 없습니다: 표시된 수치는 오래된 값입니다.</translation>
    </message>
    <message>
        <source>Signed in as a viewer: you can watch, not act.</source>
        <translation>조회 전용으로 로그인했습니다: 볼 수는 있지만 조치할 수 없습니다.</translation>
    </message>
    <message>
        <source>Sluice operations console</source>
        <translation>Sluice 운영 콘솔</translation>
    </message>
    <message>
        <source>▶ playing</source>
        <translation>▶ 재생 중</translation>
    </message>
    <message>
        <source>❚❚ paused</source>
        <translation>❚❚ 일시 정지</translation>
    </message>
    <message>
        <source>recorded: %1</source>
        <translation>녹화 당시: %1</translation>
    </message>
    <message>
        <source>last update %1 s before the playhead</source>
        <translation>재생 위치 %1초 전 갱신</translation>
    </message>
    <message>
        <source>Actions are disabled.</source>
        <translation>조치가 비활성화되었습니다.</translation>
    </message>
    <message>
        <source>&amp;Wall mode (full screen)</source>
        <translation>상황판 모드(전체 화면)(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>배치 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Sound for critical alerts</source>
        <translation>긴급 경보 소리(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>Enter a new token…</source>
        <translation>새 토큰 입력…</translation>
    </message>
    <message>
        <source>Identity provider drill</source>
        <translation>본인인증 장애 훈련</translation>
    </message>
    <message>
        <source>Incident timeline</source>
        <translation>사건 타임라인</translation>
    </message>
    <message>
        <source>Acknowledge the selected (or oldest) alert</source>
        <translation>선택한(또는 가장 오래된) 경보 확인</translation>
    </message>
    <message>
        <source>Pause the selected cohort…</source>
        <translation>선택한 집단 일시 중지…</translation>
    </message>
    <message>
        <source>Resume the selected cohort…</source>
        <translation>선택한 집단 재개…</translation>
    </message>
    <message>
        <source>Go to the rate ceiling of the selected cohort</source>
        <translation>선택한 집단의 입장 상한으로 이동</translation>
    </message>
    <message>
        <source>Go to the alerts</source>
        <translation>경보로 이동</translation>
    </message>
    <message>
        <source>Go to the panel “%1”</source>
        <translation>“%1” 패널로 이동</translation>
    </message>
    <message>
        <source>Replay: play or pause</source>
        <translation>재생: 재생/일시 정지</translation>
    </message>
    <message>
        <source>Replay: previous event</source>
        <translation>재생: 이전 사건</translation>
    </message>
    <message>
        <source>Replay: next event</source>
        <translation>재생: 다음 사건</translation>
    </message>
    <message>
        <source>Leave the wall mode</source>
        <translation>상황판 모드 끝내기</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>기능</translation>
    </message>
    <message>
        <source>&amp;Audit checkpoint…</source>
        <translation>감사 체크포인트(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>sluice::console::NoticesPanel</name>
    <message>
        <source>All cohorts</source>
        <translation>모든 집단</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>대상 집단</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>중요도</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>게시 시각</translation>
    </message>
    <message>
        <source>By</source>
        <translation>게시자</translation>
    </message>
    <message>
        <source>all cohorts</source>
        <translation>모든 집단</translation>
    </message>
    <message>
        <source>Post this notice to the %1 people waiting in %2? It appears at once.

%3
%4</source>
        <translation>%2에서 대기 중인 %1명에게 이 공지를 게시하시겠습니까? 즉시 표시됩니다.

%3
%4</translation>
    </message>
    <message>
        <source>Retract the notice “%1”?

It disappears from what the %2 people waiting see.</source>
        <translation>공지 “%1”을(를) 철회하시겠습니까?

대기 중인 %2명의 화면에서 사라집니다.</translation>
    </message>
</context>
<context>
    <name>sluice::console::ResultLine</name>
    <message>
        <source>Not sent: %1</source>
        <translation>보내지 않음: %1</translation>
    </message>
</context>
<context>
    <name>sluice::console::TilesPanel</name>
    <message>
        <source>People waiting</source>
        <translation>대기 인원</translation>
    </message>
    <message>
        <source>Admitted per second</source>
        <translation>초당 입장</translation>
    </message>
    <message>
        <source>ETA of the last in line</source>
        <translation>마지막 대기자 예상 시간</translation>
    </message>
    <message>
        <source>Active booking sessions</source>
        <translation>활성 예약 세션</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>오류율</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>오래된 데이터</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>데이터 없음</translation>
    </message>
    <message numerus="yes">
        <source>%n cohort(s)</source>
        <translation>
            <numerusform>집단 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>ceiling %1/s</source>
        <translation>상한 초당 %1</translation>
    </message>
    <message>
        <source>of %1 allowed</source>
        <translation>허용 %1 중</translation>
    </message>
    <message>
        <source>bypass attempts %1/s</source>
        <translation>우회 시도 초당 %1</translation>
    </message>
    <message>
        <source>Doses left to book</source>
        <translation>예약 가능 백신</translation>
    </message>
    <message numerus="yes">
        <source>today %1 · %n clinic(s)</source>
        <translation>
            <numerusform>오늘 %1 · 의료기관 %n곳</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>일시 중지 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n closed</source>
        <translation>
            <numerusform>닫힘 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지</translation>
    </message>
    <message>
        <source>%1 · %2 waiting</source>
        <translation>%1 · %2명 대기</translation>
    </message>
</context>
<context>
    <name>sluice::console::WallView</name>
    <message>
        <source>%1 waiting</source>
        <translation>%1명 대기</translation>
    </message>
    <message>
        <source>%1/s of %2/s</source>
        <translation>초당 %1 / 상한 %2</translation>
    </message>
    <message>
        <source>✓ No active alerts</source>
        <translation>✓ 활성 경보 없음</translation>
    </message>
</context>
<context>
    <name>sluice::console::replay::RecordingController</name>
    <message>
        <source>Open recording</source>
        <translation>녹화 열기</translation>
    </message>
    <message>
        <source>Sluice recordings (*.sluicerec);;All files (*)</source>
        <translation>Sluice 녹화 (*.sluicerec);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Export series</source>
        <translation>시계열 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export event log</source>
        <translation>이벤트 로그 내보내기</translation>
    </message>
    <message>
        <source>Open &amp;recording…</source>
        <translation>녹화 열기(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Charts as PNG…</source>
        <translation>차트를 PNG로…</translation>
    </message>
    <message>
        <source>Series in the chart window as CSV…</source>
        <translation>차트 구간의 시계열을 CSV로…</translation>
    </message>
    <message>
        <source>Event log as CSV…</source>
        <translation>이벤트 로그를 CSV로…</translation>
    </message>
    <message>
        <source>Recording settings…</source>
        <translation>녹화 설정…</translation>
    </message>
    <message>
        <source>Replay timeline</source>
        <translation>재생 타임라인</translation>
    </message>
    <message>
        <source>Replaying %1</source>
        <translation>%1 재생 중</translation>
    </message>
    <message>
        <source>Recording stopped: %1. The live view carries on.</source>
        <translation>녹화가 중지되었습니다: %1. 실시간 화면은 계속됩니다.</translation>
    </message>
    <message>
        <source>Recording time %1</source>
        <translation>녹화 시각 %1</translation>
    </message>
    <message>
        <source>⚠ not recording</source>
        <translation>⚠ 녹화 안 됨</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● 녹화 중</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>%1에 녹화 중</translation>
    </message>
    <message>
        <source>Recording settings</source>
        <translation>녹화 설정</translation>
    </message>
    <message>
        <source>Keep at most this many MB of recordings (0: no limit):</source>
        <translation>녹화 파일을 최대 몇 MB까지 보관할까요 (0: 제한 없음):</translation>
    </message>
    <message>
        <source>Delete recordings older than this many days (0: never):</source>
        <translation>며칠이 지난 녹화를 삭제할까요 (0: 삭제 안 함):</translation>
    </message>
    <message>
        <source>%1 saved to %2</source>
        <translation>%1을(를) %2에 저장했습니다</translation>
    </message>
    <message>
        <source>%1 not saved: %2</source>
        <translation>%1을(를) 저장하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>시계열</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>이벤트 로그</translation>
    </message>
</context>
<context>
    <name>sluice::console::replay::TimelineWidget</name>
    <message>
        <source>REPLAY</source>
        <translation>재생 / REPLAY</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>Go to time (20:15:30, +5:00)</source>
        <translation>시각으로 이동 (20:15:30, +5:00)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Recording time: drag to seek. Markers: blue operator actions, red alerts, grey connection changes.</source>
        <translation>녹화 시각: 끌어서 이동합니다. 표시: 파란색 운영자 조치, 빨간색 경보, 회색 연결 변경.</translation>
    </message>
    <message>
        <source>no recording open</source>
        <translation>열린 녹화 없음</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%3 중 %2)</translation>
    </message>
    <message>
        <source>Not a time: %1</source>
        <translation>시각이 아닙니다: %1</translation>
    </message>
    <message>
        <source>Previous event (Alt+Left)</source>
        <translation>이전 사건 (Alt+왼쪽)</translation>
    </message>
    <message>
        <source>Next event (Alt+Right)</source>
        <translation>다음 사건 (Alt+오른쪽)</translation>
    </message>
</context>
</TS>
