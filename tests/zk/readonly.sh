# zk2kraft never writes to ZooKeeper, by construction: only zk.o calls
# the ZooKeeper client at all, and every client function it calls is on
# a list of read-only ones (no create, set, delete, multi or ACL change).
# tests/zk/live.sh checks the same on a live server, stat by stat.  And
# only crypto.o calls OpenSSL, and only http.o libcurl.
. "${srcdir:-.}/lib.sh"
command -v nm >/dev/null || { echo "nm not found"; exit 77; }

nm -A "$LIBZK2KRAFT" | awk '$(NF-1) == "U" && $NF ~ /^(zoo_|zookeeper_|zerror)/ {
	n = split($1, a, ":"); print a[n - 1], $NF }' | sort -u >"$T/calls"
[ -s "$T/calls" ] && ok || fail "no ZooKeeper calls found at all"
awk '$1 != "zk.o"' "$T/calls" >"$T/others"
[ ! -s "$T/others" ] && ok ||
    fail "ZooKeeper called outside zk.c: $(cat "$T/others")"
allowed='^(zookeeper_init|zookeeper_init_ssl|zookeeper_init_sasl|zookeeper_close|zoo_aget|zoo_aget_children|zoo_aget_children2|zoo_aexists|zoo_async|zoo_add_auth|zoo_set_debug_level|zoo_set_log_stream|zoo_state|zerror)$'
awk '{ print $2 }' "$T/calls" | grep -Ev "$allowed" >"$T/bad"
[ ! -s "$T/bad" ] && ok ||
    fail "zk.c calls ZooKeeper functions outside the read-only list: $(cat "$T/bad")"

# The same edge rule for OpenSSL: only crypto.o calls libcrypto.
nm -A "$LIBZK2KRAFT" | awk '$(NF-1) == "U" && $NF ~ /^(EVP_|PKCS5_|RAND_|OPENSSL_|SHA1|ERR_)/ {
	n = split($1, a, ":"); print a[n - 1], $NF }' | sort -u >"$T/crypto"
[ -s "$T/crypto" ] && ok || fail "no OpenSSL calls found at all"
awk '$1 != "crypto.o"' "$T/crypto" >"$T/others"
[ ! -s "$T/others" ] && ok ||
    fail "OpenSSL called outside crypto.c: $(cat "$T/others")"

# And for libcurl: only http.o.
nm -A "$LIBZK2KRAFT" | awk '$(NF-1) == "U" && $NF ~ /^curl_/ {
	n = split($1, a, ":"); print a[n - 1], $NF }' | sort -u >"$T/curl"
[ -s "$T/curl" ] && ok || fail "no libcurl calls found at all"
awk '$1 != "http.o"' "$T/curl" >"$T/others"
[ ! -s "$T/others" ] && ok ||
    fail "libcurl called outside http.c: $(cat "$T/others")"
finish
