# The command line: exit statuses 0 and 2, --help and --version.
. "${srcdir:-.}/lib.sh"
expect_exit 0 "--version" -- "$ZK2KRAFT" --version
grep -Eq '^zk2kraft [0-9]+\.[0-9]+\.[0-9]+$' "$T/out" && ok || fail "--version output"
expect_exit 0 "--help" -- "$ZK2KRAFT" --help
grep -q 'inspect' "$T/out" && ok || fail "--help lists inspect"
grep -q '^  check-broker ' "$T/out" && ok || fail "--help lists check-broker"
expect_exit 2 "no command" -- "$ZK2KRAFT"
expect_exit 2 "unknown command" -- "$ZK2KRAFT" frobnicate
stderr_has '^zk2kraft: unknown command: frobnicate$' "unknown command"
expect_exit 2 "unknown global option" -- "$ZK2KRAFT" --frob inspect x
expect_exit 2 "inspect without a file" -- "$ZK2KRAFT" inspect
stderr_has '^usage: zk2kraft inspect ' "inspect usage"
expect_exit 2 "inspect bad format" -- "$ZK2KRAFT" inspect -f xml x
stderr_has 'unknown format: xml' "bad format"
expect_exit 2 "inspect two files" -- "$ZK2KRAFT" inspect a b
expect_exit 0 "inspect --help" -- "$ZK2KRAFT" inspect --help
expect_exit 2 "inspect unknown option" -- "$ZK2KRAFT" inspect --frob x
stderr_has '^zk2kraft: inspect: --frob: unknown option$' "unknown option named"
stderr_has '^usage: zk2kraft inspect ' "unknown option usage"
expect_exit 2 "missing argument" -- "$ZK2KRAFT" dry-run -z
stderr_has '^zk2kraft: dry-run: -z: needs an argument$' "missing argument named"
expect_exit 2 "export without -o" -- "$ZK2KRAFT" export -i x
stderr_has '^zk2kraft: export: -o is required$' "required option named"
expect_exit 2 "verify takes no file options" -- \
    "$ZK2KRAFT" verify -i x --kraft y --snapshot
stderr_has '^zk2kraft: verify: --snapshot: unknown option$' "verify --snapshot"
expect_exit 2 "check-broker without options" -- "$ZK2KRAFT" check-broker
stderr_has '^usage: zk2kraft check-broker --export ' "check-broker usage"
expect_exit 0 "check-broker --help" -- "$ZK2KRAFT" check-broker --help
expect_exit 1 "-q keeps errors" -- "$ZK2KRAFT" -q inspect /nonexistent
stderr_has 'nonexistent' "-q keeps errors"
finish
