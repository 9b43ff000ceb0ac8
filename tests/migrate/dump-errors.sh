# dump -i without a server: bad dump files are refused with the file and
# line or znode named, outputs are atomic, 0600, and never replaced
# without --force.
. "${srcdir:-.}/lib.sh"
sample=$FIXTURES/zk/sample/dump.json
head='{"format":"zk2kraft-dump","version":1,"root":"/","znodes":['
z='"version":0,"cversion":0,"czxid":1,"mzxid":1,"pzxid":1,"ephemeral_owner":0'

bad() { # bad DESCRIPTION REGEX CONTENT
	printf '%s\n' "$3" >"$T/bad.json"
	expect_exit 1 "$1" -- "$ZK2KRAFT" dump -i "$T/bad.json" -o "$T/out.json"
	stderr_has "^zk2kraft: $T/bad.json: $2" "$1"
	[ ! -e "$T/out.json" ] && ok || fail "$1: left an output file"
}

bad "not JSON" 'line [0-9]+ column [0-9]+: ' "$head
{\"path\":\"/\",\"data\":null,$z},"
bad "not a dump" 'not a zk2kraft dump' '{"znodes":[]}'
bad "future version" 'dump format version not supported' \
    '{"format":"zk2kraft-dump","version":2,"root":"/","znodes":[]}'
bad "no root znode" 'root znode /: missing' "$head]}"
bad "missing parent" 'znode /a/b: its parent is not in the tree' "$head
{\"path\":\"/\",\"data\":null,$z},
{\"path\":\"/a/b\",\"data\":null,$z}]}"
bad "twice" 'znode /a: listed twice' "$head
{\"path\":\"/\",\"data\":null,$z},
{\"path\":\"/a\",\"data\":null,$z},
{\"path\":\"/a\",\"data\":\"x\",$z}]}"
bad "bad path" 'znode /a//b: not a ZooKeeper path' "$head
{\"path\":\"/\",\"data\":null,$z},
{\"path\":\"/a//b\",\"data\":null,$z}]}"
bad "outside root" 'znode /b: outside the root /a' \
    "{\"format\":\"zk2kraft-dump\",\"version\":1,\"root\":\"/a\",\"znodes\":[
{\"path\":\"/a\",\"data\":null,$z},
{\"path\":\"/b\",\"data\":null,$z}]}"
bad "unknown member" 'znode /: unknown member "colour"' "$head
{\"path\":\"/\",\"data\":null,\"colour\":1,$z}]}"
bad "bad stat" 'znode /: "version" is not a 32-bit integer' "$head
{\"path\":\"/\",\"data\":null,\"version\":4294967296,\"cversion\":0,\"czxid\":1,\"mzxid\":1,\"pzxid\":1,\"ephemeral_owner\":0}]}"
bad "both data forms" 'znode /: needs exactly one of "data" and "data_base64"' "$head
{\"path\":\"/\",\"data\":null,\"data_base64\":\"AA==\",$z}]}"
bad "bad base64" 'znode /: "data_base64" is not base64' "$head
{\"path\":\"/\",\"data_base64\":\"*\",$z}]}"

# Binary payloads round-trip as data_base64, text with escapes as text.
printf '%s\n%s\n%s\n%s\n' "$head" \
    "{\"path\":\"/\",\"data\":null,$z}," \
    "{\"path\":\"/bin\",\"data_base64\":\"AP8K\",$z}," \
    "{\"path\":\"/txt\",\"data\":\"tab\\there \\\"q\\\" \\u0001 \\u00e9 /\",$z}]}" \
    >"$T/odd.json"
expect_exit 0 "odd payloads" -- "$ZK2KRAFT" dump -i "$T/odd.json" -o -
grep -qF '{"path":"/bin","data_base64":"AP8K",' "$T/out" && ok ||
    fail "binary data as base64: $(cat "$T/out")"
grep -qF '"data":"tab\there \"q\" \u0001 é /",' "$T/out" && ok ||
    fail "text escapes: $(cat "$T/out")"

# Output: atomic, private, not replaced silently.
expect_exit 0 "dump -i to a file" -- \
    "$ZK2KRAFT" dump -i "$sample" -o "$T/copy.json"
cmp -s "$sample" "$T/copy.json" && ok || fail "copy differs"
[ "$(stat -c %a "$T/copy.json")" = 600 ] && ok || fail "mode is not 0600"
expect_exit 1 "no overwrite" -- "$ZK2KRAFT" dump -i "$sample" -o "$T/copy.json"
stderr_has 'copy.json: exists; give --force to replace it' "no overwrite"
expect_exit 0 "--force" -- "$ZK2KRAFT" dump -i "$sample" -o "$T/copy.json" --force
# -f was dump's --force; for one release it still is, with a warning.
expect_exit 0 "old -f" -- "$ZK2KRAFT" dump -i "$sample" -o "$T/copy.json" -f
stderr_has '^zk2kraft: dump: -f is deprecated here: use --force' "old -f warns"
expect_exit 1 "unwritable" -- \
    "$ZK2KRAFT" dump -i "$sample" -o "$T/no/such/dir/x.json"
stderr_has 'No such file or directory' "unwritable"
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left" || ok

expect_exit 1 "--chroot not in dump" -- \
    "$ZK2KRAFT" dump -i "$sample" --chroot /kafka -o -
stderr_has 'dump.json: /kafka: no such znode in the dump' "--chroot missing"
expect_exit 0 "--chroot subtree" -- \
    "$ZK2KRAFT" dump -i "$sample" --chroot /brokers -o -
head -1 "$T/out" | grep -qF '"root":"/brokers"' && ok || fail "subtree root"
grep -q '"path":"/config' "$T/out" && fail "subtree kept /config" || ok
finish
