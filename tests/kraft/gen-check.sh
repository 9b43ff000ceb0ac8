# src/records.[ch] are what tools/gen-records.py makes of Kafka's schemas
# (found by configure --with-kafka-schemas).  Without the schemas there is
# nothing to compare against: a skip, except under CI=true, where the
# schemas are always beside the clone and a skip would hide drift.
. "${srcdir:-.}/lib.sh"
top=${TOP_SRCDIR:-..}
schemas=${ZK2KRAFT_SCHEMAS:-}
if [ -z "$schemas" ] || [ ! -d "$schemas/metadata" ] ||
    ! command -v python3 >/dev/null; then
	echo "no Kafka schemas (configure --with-kafka-schemas) or no python3"
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi
python3 "$top/tools/gen-records.py" "$schemas" "$T" || fail "generator failed"
for f in records.h records.c; do
	cmp -s "$T/$f" "$top/src/$f" && ok || fail "src/$f is stale: run tools/gen-records.py"
done
finish
