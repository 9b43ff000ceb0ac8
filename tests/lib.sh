# Sourced by the shell tests.  The environment comes from tests/Makefile.am:
# ZK2KRAFT (the binary), FIXTURES (fixtures/), MUTATE (tests/kraft/mutate).
set -u
export LC_ALL=C
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
checks=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

ok() {
	checks=$((checks + 1))
}

# expect_exit WANT DESCRIPTION -- COMMAND...: run, keep stdout/stderr in $T.
expect_exit() {
	want=$1
	what=$2
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, want $want"
		sed 's/^/  stderr: /' "$T/err" | head -5
	else
		ok
	fi
}

# stderr_has REGEX DESCRIPTION
stderr_has() {
	if grep -Eq "$1" "$T/err"; then
		ok
	else
		fail "$2: stderr lacks /$1/: $(cat "$T/err")"
	fi
}

finish() {
	echo "$checks checks passed, $fails failed"
	[ "$fails" -eq 0 ]
	exit $?
}
