# Each fixture's model, as model_print writes it (stable form), against
# the reviewed golden file fixtures/zk/CASE/model.txt.  After a deliberate
# change to the model, regenerate with
#   tests/migrate/model-print -s -i fixtures/zk/CASE/dump.json [--chroot P] \
#       >fixtures/zk/CASE/model.txt
# and review the diff.
. "${srcdir:-.}/lib.sh"
for dir in "$FIXTURES"/zk/*/; do
	case=$(basename "$dir")
	case $case in
	chroot) set -- --chroot /kafka/prod ;;
	*) set -- ;;
	esac
	expect_exit 0 "$case: model" -- "$MODEL_PRINT" -s -i "$dir/dump.json" "$@"
	if cmp -s "$dir/model.txt" "$T/out"; then
		ok
	else
		fail "$case: model differs from model.txt"
		diff "$dir/model.txt" "$T/out" | head -10
	fi
done
finish
