/*
 * model-print: read a tree like the commands do (-z or -i, with
 * --chroot) and print the model's canonical text, for tests that compare
 * two sources.  -s leaves out zxid-derived values (model_print "stable").
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "model.h"
#include "source.h"
#include "tree.h"

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"zookeeper", required_argument, NULL, 'z'},
	    {"input", required_argument, NULL, 'i'},
	    {"chroot", required_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	static const enum source_opt opt[] = {
	    ['z'] = SOURCE_OPT_ZOOKEEPER,
	    ['i'] = SOURCE_OPT_INPUT,
	    ['c'] = SOURCE_OPT_CHROOT,
	};
	struct source_opts so;
	struct tree t = {0};
	struct model m = {0};
	struct error e = {0};
	bool stable = false;
	int ch, ret = 1;

	log_verbosity = -1;
	source_init(&so);
	while ((ch = getopt_long(argc, argv, "z:i:s", longopts, NULL)) != -1) {
		if (ch == 'z' || ch == 'i' || ch == 'c') {
			if (source_option(&so, opt[ch], optarg, &e) == -1)
				goto fail;
			continue;
		}
		if (ch != 's') {
			fprintf(stderr,
			    "usage: model-print [-s] "
			    "(-z CONNECT | -i DUMP) [options]\n");
			return 2;
		}
		stable = true;
	}
	if (source_read(&so, &t, &e) == -1 ||
	    model_from_tree(&m, &t, t.root, &e) == -1)
		goto fail;
	model_print(&m, stdout, stable);
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "model-print: %s\n", e.msg);
out:
	model_free(&m);
	tree_free(&t);
	source_free(&so);
	return ret;
}
