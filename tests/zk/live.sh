# Every fixture through a real ZooKeeper server: load it, read it live,
# and check that
#  - the live walk and a dump of it give identical models;
#  - the live model equals the fixture file's model (zxid-derived values
#    aside: the server assigns its own zxids and sessions);
#  - dump -> load -> dump is byte-identical, and each fixture file is
#    already in that canonical form;
#  - reading changed nothing: dumps with every stat field, taken before
#    and after all the reads, are identical;
#  - export from the server writes the same bootstrap.checkpoint as export
#    from the fixture file, with the fixture's export.args, and verify from
#    the server finds that export consistent;
#  - dry-run from the server reports what dry-run from a dump of it does.
. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/zk/server.sh"
zk_start
printf 'fixture-encoder-secret\n' >"$T/secret"
chmod 600 "$T/secret"

# hold_start CASE FILE: load FILE under /f-CASE and keep its session (and
# so its ephemeral znodes) until hold_stop.
hold_start() {
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	# A fresh file per case: the child truncates its output only after
	# the fork, so an old file could still say "ready".
	hold_out=$T/hold.$1
	rm -f "$hold_out"
	"$ZKLOAD" -z "$ZK_CONNECT" -p "/f-$1" --hold "$2" <"$T/fifo" \
	    >"$hold_out" 2>&1 &
	hold_pid=$!
	exec 3>"$T/fifo"
	n=0
	alive=yes
	while ! grep -qs '^ready$' "$hold_out" && [ $n -lt 600 ]; do
		kill -0 "$hold_pid" 2>/dev/null || { alive=no; break; }
		sleep 0.1
		n=$((n + 1))
	done
	grep -qs '^ready$' "$hold_out" && ok ||
	    fail "$1: zkload not ready after $n polls (alive: $alive): $(cat "$hold_out")"
}

hold_stop() {
	exec 3>&-
	wait "$hold_pid"
}

# The prefix in front of every path, removed before comparing a live model
# with the fixture's own.
unprefix() {
	sed "s|/f-$1/|/|g; s|/f-$1\$|/|; s|/f-$1 |/ |g" "$2"
}

for dir in "$FIXTURES"/zk/*/; do
	case=$(basename "$dir")
	fixture=$dir/dump.json
	case $case in
	chroot) sub=/kafka/prod ;;
	*) sub= ;;
	esac
	live=$ZK_CONNECT/f-$case$sub

	# The fixture file is canonical: reading and writing it changes nothing.
	expect_exit 0 "$case: dump -i" -- \
	    "$ZK2KRAFT" dump -i "$fixture" -o "$T/canon.json"
	cmp -s "$fixture" "$T/canon.json" && ok ||
	    fail "$case: fixture is not in canonical form"

	hold_start "$case" "$fixture"
	expect_exit 0 "$case: full dump before" -- \
	    "$ZK2KRAFT" dump -z "$ZK_CONNECT/f-$case" -o "$T/before.json"

	expect_exit 0 "$case: dump -z" -- \
	    "$ZK2KRAFT" dump -z "$live" -o "$T/live.json"
	expect_exit 0 "$case: dump of the dump" -- \
	    "$ZK2KRAFT" dump -i "$T/live.json" -o "$T/again.json"
	cmp -s "$T/live.json" "$T/again.json" && ok ||
	    fail "$case: dump -> load -> dump differs"

	expect_exit 0 "$case: model, live" -- "$MODEL_PRINT" -z "$live"
	mv "$T/out" "$T/model.live"
	expect_exit 0 "$case: model, dump" -- "$MODEL_PRINT" -i "$T/live.json"
	mv "$T/out" "$T/model.dump"
	cmp -s "$T/model.live" "$T/model.dump" && ok || {
		fail "$case: live and dump models differ"
		diff "$T/model.live" "$T/model.dump" | head -5
	}
	[ -s "$T/model.live" ] && ok || fail "$case: empty model"

	# Against the fixture file itself.
	if [ -n "$sub" ]; then
		expect_exit 0 "$case: model, fixture" -- \
		    "$MODEL_PRINT" -s -i "$fixture" --chroot "$sub"
	else
		expect_exit 0 "$case: model, fixture" -- \
		    "$MODEL_PRINT" -s -i "$fixture"
	fi
	mv "$T/out" "$T/model.fixture"
	expect_exit 0 "$case: stable model, live" -- \
	    "$MODEL_PRINT" -s -z "$live"
	unprefix "$case" "$T/out" >"$T/model.live-s"
	cmp -s "$T/model.fixture" "$T/model.live-s" && ok || {
		fail "$case: the live model differs from the fixture's"
		diff "$T/model.fixture" "$T/model.live-s" | head -5
	}

	# --chroot on a dump of the whole prefix selects the same Kafka tree.
	if [ -n "$sub" ]; then
		expect_exit 0 "$case: whole dump" -- "$ZK2KRAFT" dump \
		    -z "$ZK_CONNECT/f-$case" -o "$T/whole.json" --force
		expect_exit 0 "$case: --chroot on a dump" -- "$MODEL_PRINT" \
		    -i "$T/whole.json" --chroot "/f-$case$sub"
		cmp -s "$T/model.live" "$T/out" && ok ||
		    fail "$case: --chroot on a dump gives another model"
	fi

	# export from the server and from the fixture file: the same bytes.
	args=$(sed "s|@SECRET@|$T/secret|g; s|--chroot [^ ]*||" "$dir/export.args")
	expect_exit 0 "$case: export -z" -- \
	    "$ZK2KRAFT" -q export -z "$live" $args -o "$T/export-live"
	expect_exit 0 "$case: export -i" -- \
	    "$ZK2KRAFT" -q export -i "$fixture" ${sub:+--chroot "$sub"} $args \
	    -o "$T/export-dump"
	cmp -s "$T/export-live/bootstrap.checkpoint" \
	    "$T/export-dump/bootstrap.checkpoint" && ok ||
	    fail "$case: live export differs from the export of the dump"
	# verify from the server against the export of the dump.
	expect_exit 0 "$case: verify -z" -- \
	    "$ZK2KRAFT" verify -z "$live" $args --kraft "$T/export-dump"
	grep -q '^Result: *CONSISTENT' "$T/out" && ok ||
	    fail "$case: live verify is not consistent"
	rm -rf "$T/export-live" "$T/export-dump"

	# dry-run from the server (which reads only what the translation
	# needs) and from the full dump of it: the same report, znode count
	# and zxid range included, but for the source's kind and location.
	"$ZK2KRAFT" -q dry-run -z "$live" $args -f json >"$T/dry.live" 2>&1
	st_live=$?
	"$ZK2KRAFT" -q dry-run -i "$T/live.json" $args -f json >"$T/dry.dump" 2>&1
	[ $? -eq $st_live ] && ok || fail "$case: dry-run -z and -i exit apart"
	for f in live dump; do
		sed 's|"kind": "[a-z]*"|"kind": ""|; s|"location": "[^"]*"|"location": ""|' \
		    "$T/dry.$f" >"$T/dry.$f-n"
	done
	cmp -s "$T/dry.live-n" "$T/dry.dump-n" && ok || {
		fail "$case: dry-run -z and dry-run -i of its dump report apart"
		diff "$T/dry.live-n" "$T/dry.dump-n" | head -5
	}

	expect_exit 0 "$case: full dump after" -- \
	    "$ZK2KRAFT" dump -z "$ZK_CONNECT/f-$case" -o "$T/after.json"
	cmp -s "$T/before.json" "$T/after.json" && ok ||
	    fail "$case: the tree changed while zk2kraft read it"
	hold_stop
	rm -f "$T"/*.json
done
finish
