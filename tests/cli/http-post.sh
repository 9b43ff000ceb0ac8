# --post on dry-run, export and verify: the JSON report sent with HTTP POST to a
# loopback server (tests/cli/httpd.py) that records each request and answers
# as told: headers, bodies, retries, timeouts, TLS, and the exit statuses
# when the post or the migration fails.
. "${srcdir:-.}/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "no python3 for the test HTTP server"
	if [ "${CI:-}" = true ]; then
		echo "CI=true: a missing python3 is a failure"
		exit 1
	fi
	exit 77
fi

# The servers started here, stopped on any exit; lib.sh's trap is
# replaced, so $T goes here too.
H_PIDS=
h_cleanup() {
	for p in $H_PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	H_PIDS=
	rm -rf "$T"
}
trap h_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# h_start DIR [--tls CERT KEY]: start httpd.py on DIR; sets H_PORT.
h_start() {
	h_dir=$1
	mkdir -p "$h_dir"
	python3 "${srcdir:-.}/cli/httpd.py" "$@" </dev/null 2>"$h_dir/log" &
	h_pid=$!
	H_PIDS="$H_PIDS $h_pid"
	h_n=0
	while [ ! -s "$h_dir/port" ]; do
		if ! kill -0 "$h_pid" 2>/dev/null || [ $h_n -ge 100 ]; then
			echo "httpd.py did not start:"
			sed 's/^/  /' "$h_dir/log"
			exit 1
		fi
		sleep 0.1
		h_n=$((h_n + 1))
	done
	H_PORT=$(cat "$h_dir/port")
}

# Proxies from the environment would take the loopback requests elsewhere.
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY
no_proxy='*'
NO_PROXY='*'
export no_proxy NO_PROXY

S=$T/srv
h_start "$S"
URL=http://127.0.0.1:$H_PORT

# plan ENTRIES: the server's next answers (see httpd.py); forget requests.
plan() {
	printf '%s' "$1" >"$S/plan.new" && mv "$S/plan.new" "$S/plan"
	rm -f "$S"/req/*
}
# nreq [DIR]: requests recorded since the last plan.
nreq() {
	n=0
	for f in "${1:-$S}"/req/*.json; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo "$n"
}
# body [DIR]: the first recorded request's body file.
body() {
	ls "${1:-$S}"/req/*.body | head -n 1
}
# req FIELD|HEADER: of the first recorded request, the method, the path,
# or every value of a header (one a line).
req() {
	python3 - "$(ls "$S"/req/*.json | head -n 1)" "$1" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
if sys.argv[2] in ("method", "path"):
    print(r[sys.argv[2]])
else:
    for k, v in r["headers"]:
        if k.lower() == sys.argv[2].lower():
            print(v)
EOF
}
# want_nreq N DESCRIPTION [DIR]
want_nreq() {
	got=$(nreq "${3:-$S}")
	[ "$got" -eq "$1" ] && ok || fail "$2: $got requests, want $1"
}
# result FILE: the "result" of a JSON report.
result() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"])' "$1"
}

stopped=$FIXTURES/zk/sample-stopped/dump.json
sample=$FIXTURES/zk/sample/dump.json
printf 'fixture-encoder-secret\n' >"$T/secret"
chmod 600 "$T/secret"
sec="--password-encoder-secret-file $T/secret"
printf 'Bearer s3cret-token\n' >"$T/token"
chmod 600 "$T/token"

"$ZK2KRAFT" dry-run -i "$stopped" $sec -f json >"$T/want.json" || fail "dry-run -f json"
"$ZK2KRAFT" dry-run -i "$stopped" $sec >"$T/want.txt" || fail "dry-run"

# dry-run, text on stdout: the JSON report is posted, with the headers.
plan 200
expect_exit 0 "dry-run --post" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "$URL/reports?run=1" --post-header 'X-Literal: hello world' \
	--post-header "Authorization: @$T/token" --post-header 'X-At: @@handle'
want_nreq 1 "dry-run --post"
cmp -s "$T/out" "$T/want.txt" && ok || fail "dry-run --post: stdout is not the text report"
[ -s "$T/err" ] && fail "dry-run --post: stderr: $(cat "$T/err")" || ok
[ "$(req method)" = POST ] && ok || fail "method $(req method), want POST"
[ "$(req path)" = "/reports?run=1" ] && ok || fail "path $(req path)"
[ "$(req Content-Type)" = application/json ] && ok ||
	fail "Content-Type [$(req Content-Type)], want one application/json"
[ "$(req X-Literal)" = "hello world" ] && ok || fail "X-Literal [$(req X-Literal)]"
[ "$(req Authorization)" = "Bearer s3cret-token" ] && ok ||
	fail "Authorization from a file: [$(req Authorization)]"
[ "$(req X-At)" = "@handle" ] && ok || fail "X-At: @@ escape: [$(req X-At)]"
req Expect | grep -q . && fail "Expect header sent" || ok
cmp -s "$(body)" "$T/want.json" && ok || fail "dry-run --post: body is not dry-run -f json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$(body)" && ok ||
	fail "dry-run --post: body is not JSON"

# dry-run -f json: stdout and the body are the same report.
plan 200
expect_exit 0 "dry-run -f json --post" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec -f json --post "$URL/"
want_nreq 1 "dry-run -f json --post"
cmp -s "$T/out" "$T/want.json" && ok || fail "dry-run -f json --post: stdout changed"
cmp -s "$(body)" "$T/want.json" && ok || fail "dry-run -f json --post: body differs"

# A header file readable by others: a warning, then it is used.
cp "$T/token" "$T/token644"
chmod 644 "$T/token644"
plan 200
expect_exit 0 "header file 0644" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "$URL/" --post-header "Authorization: @$T/token644"
stderr_has "token644: readable by others \(mode 644\)" "header file 0644"
[ "$(req Authorization)" = "Bearer s3cret-token" ] && ok || fail "header file 0644: not sent"

# export: the files first, then the post of report.json.
plan 200
expect_exit 0 "export --post" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/e" --post "$URL/x"
want_nreq 1 "export --post"
for f in bootstrap.checkpoint report.json report.txt; do
	[ -s "$T/e/$f" ] && ok || fail "export --post: no $f"
done
cmp -s "$(body)" "$T/e/report.json" && ok || fail "export --post: body is not report.json"
[ "$(result "$(body)")" = ok ] && ok || fail "export --post: result is not ok"

# verify: its JSON report, after the text one on stdout; a failed post
# of a consistent verify exits 1.
plan 200
expect_exit 0 "verify --post" -- "$ZK2KRAFT" verify -i "$stopped" $sec --kraft "$T/e/bootstrap.checkpoint" --post "$URL/v"
want_nreq 1 "verify --post"
grep -q '^Result: *CONSISTENT' "$T/out" && ok || fail "verify --post: no text report on stdout"
"$ZK2KRAFT" verify -i "$stopped" $sec --kraft "$T/e/bootstrap.checkpoint" -f json >"$T/want-verify.json"
cmp -s "$(body)" "$T/want-verify.json" && ok || fail "verify --post: body is not verify -f json"
[ "$(result "$(body)")" = consistent ] && ok || fail "verify --post: result is not consistent"
plan 400
expect_exit 1 "verify --post 400" -- "$ZK2KRAFT" verify -i "$stopped" $sec --kraft "$T/e/bootstrap.checkpoint" --post "$URL/v"

# 5xx answers are retried: two 503s, then 200.
plan 503,503,200
expect_exit 0 "503,503,200" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec --post "$URL/" --post-retries 2
want_nreq 3 "503,503,200"
stderr_has "^zk2kraft: $URL/: HTTP 503 Service Unavailable: .*; retry 1 of 2 in 500 ms$" "503,503,200"
stderr_has "retry 2 of 2 in 1000 ms$" "503,503,200"

# ... but not forever; export's files stay.
plan 503
expect_exit 1 "503 x4" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/f" --post "$URL/r" --post-retries 2
want_nreq 3 "503 x4"
stderr_has "^zk2kraft: $URL/r: HTTP 503 Service Unavailable: .* \(3 attempts\)$" "503 x4"
stderr_has "only the post failed" "503 x4"
for f in bootstrap.checkpoint report.json report.txt; do
	[ -s "$T/f/$f" ] && ok || fail "503 x4: $f lost"
done
cmp -s "$(body)" "$T/f/report.json" && ok || fail "503 x4: body is not report.json"

# A 4xx is not retried; the message holds the body's start, made printable;
# the local report is printed first; the token is never shown.
plan 400
expect_exit 1 "400" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec --post "$URL/" \
	--post-header "Authorization: @$T/token"
want_nreq 1 "400"
stderr_has "^zk2kraft: $URL/: HTTP 400 Bad Request: nope\?x{195}\.\.\.$" "400"
cmp -s "$T/out" "$T/want.txt" && ok || fail "400: the report was not printed"
grep -q s3cret "$T/err" && fail "400: the token is in a message" || ok

# A redirect is a failure, not followed.
plan 301
expect_exit 1 "301" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec --post "$URL/"
want_nreq 1 "301"
stderr_has "HTTP 301 Moved Permanently \(redirects are not followed\)" "301"

# --post-optional: a failed post only warns.
plan 500
expect_exit 0 "--post-optional" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec --post "$URL/" \
	--post-retries 1 --post-optional
want_nreq 2 "--post-optional"
stderr_has "HTTP 500 Internal Server Error.*--post-optional" "--post-optional"
cmp -s "$T/out" "$T/want.txt" && ok || fail "--post-optional: the report was not printed"

# A port nothing listens on: connection errors are retried, then exit 1.
FREE=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
expect_exit 1 "unreachable" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "http://127.0.0.1:$FREE/x" --post-retries 1
stderr_has "^zk2kraft: http://127.0.0.1:$FREE/x: .*retry 1 of 1" "unreachable"
stderr_has "^zk2kraft: http://127.0.0.1:$FREE/x: .*(refused|connect).*\(2 attempts\)$" "unreachable"

# A server slower than --post-timeout: exit 1, and no retry once the
# request is sent.
plan sleep:3000
expect_exit 1 "timeout" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec --post "$URL/" \
	--post-timeout 500 --post-retries 2
want_nreq 1 "timeout"
stderr_has "^zk2kraft: $URL/: .*[Tt]imed? ?out" "timeout"

# https:// to the plain-HTTP server: TLS is attempted, and fails.
plan 200
expect_exit 1 "https to http" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "https://127.0.0.1:$H_PORT/"
stderr_has "^zk2kraft: https://127.0.0.1:$H_PORT/: .*(SSL|TLS|ssl|tls)" "https to http"
want_nreq 0 "https to http"

# A TLS server with a self-signed certificate: refused without --post-ca
# (verification cannot be turned off), accepted with it.
if command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 -keyout "$T/key.pem" \
		-out "$T/cert.pem" >/dev/null 2>&1; then
	h_start "$T/tls" --tls "$T/cert.pem" "$T/key.pem"
	expect_exit 1 "self-signed" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
		--post "https://127.0.0.1:$H_PORT/"
	stderr_has "certificate" "self-signed"
	want_nreq 0 "self-signed" "$T/tls"
	expect_exit 0 "--post-ca" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
		--post "https://127.0.0.1:$H_PORT/" --post-ca "$T/cert.pem"
	want_nreq 1 "--post-ca" "$T/tls"
	cmp -s "$(body "$T/tls")" "$T/want.json" && ok || fail "--post-ca: body differs"
else
	echo "no openssl to make a certificate: TLS server checks skipped"
fi

# Blocked: the report ("blocked") is still posted and the status stays 3,
# also when the post fails.
plan 200
expect_exit 3 "blocked dry-run" -- "$ZK2KRAFT" dry-run -i "$sample" --post "$URL/"
want_nreq 1 "blocked dry-run"
[ "$(result "$(body)")" = blocked ] && ok || fail "blocked dry-run: result is not blocked"
plan 200
expect_exit 3 "blocked export" -- "$ZK2KRAFT" export -i "$sample" -o "$T/g" --post "$URL/"
want_nreq 1 "blocked export"
[ "$(result "$(body)")" = blocked ] && ok || fail "blocked export: result is not blocked"
[ ! -e "$T/g" ] && ok || fail "blocked export created $T/g"
plan 400
expect_exit 3 "blocked, post fails" -- "$ZK2KRAFT" export -i "$sample" -o "$T/g" --post "$URL/"
stderr_has "refused: [0-9]+ blocking findings" "blocked, post fails"
stderr_has "^zk2kraft: $URL/: HTTP 400 Bad Request" "blocked, post fails"

# Usage errors (exit 2) and an unreadable header file (exit 1): nothing
# is read or sent.
plan 200
for bad in "--post ftp://127.0.0.1/x" "--post 127.0.0.1:$H_PORT" "--post http://" \
	"--post-header X-A:1" "--post $URL --post-header NoColon" \
	"--post $URL --post-header Bad[Name]:1" "--post $URL --post-header X-Empty:" \
	"--post $URL --post-header Content-Type:text/plain" \
	"--post $URL --post-header X-A:@" "--post $URL --post-timeout 5" \
	"--post $URL --post-timeout x" "--post $URL --post-retries 11"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$bad" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec $bad
done
expect_exit 2 "export --post ftp" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/h" --post ftp://x/
stderr_has "expected an http:// or https:// URL" "export --post ftp"
expect_exit 1 "missing header file" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "$URL/" --post-header "Authorization: @$T/nope"
stderr_has "$T/nope: No such file" "missing header file"
: >"$T/emptytoken"
chmod 600 "$T/emptytoken"
expect_exit 1 "empty header file" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "$URL/" --post-header "Authorization: @$T/emptytoken"
expect_exit 1 "missing --post-ca" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec \
	--post "$URL/" --post-ca "$T/nope.pem"
want_nreq 0 "usage errors"
[ ! -e "$T/h" ] && ok || fail "export with a bad --post created $T/h"

finish
