<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
    <name>sluice::console::ApprovalsPanel</name>
    <message>
        <source>Approve %1&apos;s %2 (%3)</source>
        <translation>%1의 %2 승인 (%3)</translation>
    </message>
    <message>
        <source>Approve %1&apos;s command?

%2 %3
%4</source>
        <translation>%1의 명령을 승인하시겠습니까?

%2 %3
%4</translation>
    </message>
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
        <source>Arguments</source>
        <translation>인수</translation>
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
        <source>HTTP 4xx</source>
        <translation>HTTP 4xx</translation>
    </message>
    <message>
        <source>HTTP 5xx</source>
        <translation>HTTP 5xx</translation>
    </message>
    <message>
        <source>bypass attempts</source>
        <translation>우회 시도</translation>
    </message>
    <message>
        <source>identity provider</source>
        <translation>본인인증</translation>
    </message>
    <message>
        <source>booking conflicts</source>
        <translation>예약 충돌</translation>
    </message>
    <message>
        <source>sold out</source>
        <translation>매진</translation>
    </message>
    <message>
        <source>overload rejections</source>
        <translation>과부하 거절</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
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
        <source>Pause %1</source>
        <translation>%1 일시 중지</translation>
    </message>
    <message>
        <source>Pause admission for %1? Everyone waiting in this cohort sees the pause at once.</source>
        <translation>%1의 입장을 일시 중지하시겠습니까? 이 집단의 모든 대기자에게 즉시 표시됩니다.</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>%1 재개</translation>
    </message>
    <message>
        <source>Resume admission for %1? Waiting people start being admitted again.</source>
        <translation>%1의 입장을 재개하시겠습니까? 대기자의 입장이 다시 시작됩니다.</translation>
    </message>
    <message>
        <source>Set the rate of %1 to %2/s</source>
        <translation>%1의 입장 속도를 초당 %2명으로 설정</translation>
    </message>
    <message>
        <source>Set the admission ceiling of %1 to %2 per second? The waiting times people see change.</source>
        <translation>%1의 입장 상한을 초당 %2명으로 설정하시겠습니까? 대기자에게 보이는 예상 대기 시간이 바뀝니다.</translation>
    </message>
    <message>
        <source>Set max active of %1 to %2</source>
        <translation>%1의 최대 동시 세션을 %2(으)로 설정</translation>
    </message>
    <message>
        <source>Allow at most %2 booking sessions at once for %1?</source>
        <translation>%1에 동시에 최대 %2개의 예약 세션을 허용하시겠습니까?</translation>
    </message>
    <message>
        <source>Switch %1 to %2 admission</source>
        <translation>%1을(를) %2 입장으로 전환</translation>
    </message>
    <message>
        <source>Switch %1 to %2 admission?</source>
        <translation>%1을(를) %2 입장으로 전환하시겠습니까?</translation>
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
        <source>Change the identity provider simulation? Identity checks for citizens get slower or fail.</source>
        <translation>본인인증 모의 설정을 바꾸시겠습니까? 시민의 본인인증이 느려지거나 실패합니다.</translation>
    </message>
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
        <source>Identity provider drill</source>
        <translation>본인인증 장애 훈련</translation>
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
        <source>outage</source>
        <translation>장애</translation>
    </message>
    <message>
        <source>Apply drill…</source>
        <translation>훈련 적용…</translation>
    </message>
    <message>
        <source>Identity provider drill: p50 %1 ms, p99 %4 ms, error rate %2, outage %3</source>
        <translation>본인인증 훈련: p50 %1 ms, p99 %4 ms, 오류율 %2, 장애 %3</translation>
    </message>
</context>
<context>
    <name>sluice::console::CohortTableModel</name>
    <message>
        <source>%1 (incident)</source>
        <translation>%1 (장애)</translation>
    </message>
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
        <source>Undecodable message skipped: %1</source>
        <translation>해석할 수 없는 메시지를 건너뜀: %1</translation>
    </message>
    <message>
        <source>Connection restored</source>
        <translation>연결 복구됨</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>Malformed frame skipped: %1</source>
        <translation>잘못된 프레임을 건너뜀: %1</translation>
    </message>
    <message>
        <source>Command %1 refused: %2</source>
        <translation>명령 %1 거부됨: %2</translation>
    </message>
    <message>
        <source>Frames missed (seq gap); asking for a snapshot</source>
        <translation>프레임 누락(seq 공백): 스냅샷을 요청합니다</translation>
    </message>
    <message>
        <source>Not sent (not connected or not allowed): %1</source>
        <translation>보내지 않음 (연결 없음 또는 권한 없음): %1</translation>
    </message>
    <message>
        <source>Sent %1: %2</source>
        <translation>%1 보냄: %2</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>%1에 연결됨</translation>
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
        <source>Connection lost (%1). Reconnecting in %2 s (attempt %3).</source>
        <translation>연결 끊김 (%1). %2초 후 재연결합니다 (%3번째 시도).</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>JSON 객체가 아님</translation>
    </message>
    <message>
        <source>no data for %1 s</source>
        <translation>%1초 동안 데이터 없음</translation>
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
        <source>Event and audit log</source>
        <translation>이벤트 및 감사 로그</translation>
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
        <translation>재생</translation>
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
        <source>Last update %1 s ago; actions are disabled.</source>
        <translation>마지막 갱신 %1초 전, 조치가 비활성화되었습니다.</translation>
    </message>
    <message>
        <source>Signed in as a viewer: you can watch, not act.</source>
        <translation>조회 전용으로 로그인했습니다: 볼 수는 있지만 조치할 수 없습니다.</translation>
    </message>
    <message>
        <source>Sluice operations console</source>
        <translation>Sluice 운영 콘솔</translation>
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
        <source>Notice to %1: %2</source>
        <translation>%1에 공지: %2</translation>
    </message>
    <message>
        <source>Post this notice to everyone waiting in %1? It appears at once.

%2
%3</source>
        <translation>%1의 모든 대기자에게 이 공지를 게시하시겠습니까? 즉시 표시됩니다.

%2
%3</translation>
    </message>
    <message>
        <source>Retract notice %1</source>
        <translation>공지 %1 철회</translation>
    </message>
    <message>
        <source>Retract notice %1? It disappears from what waiting people see.</source>
        <translation>공지 %1을(를) 철회하시겠습니까? 대기자 화면에서 사라집니다.</translation>
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
        <translation>재생</translation>
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
        <source>Previous event</source>
        <translation>이전 이벤트</translation>
    </message>
    <message>
        <source>Next event</source>
        <translation>다음 이벤트</translation>
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
</context>
</TS>
