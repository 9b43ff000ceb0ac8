/*
 * bench/load: the memory and CPU time of loading a dump, stage by stage,
 * as dry-run -i and export -i load it: tree_load(), model_from_tree(),
 * then tree_free() (migrate_run() frees the tree before the plan).  At
 * each boundary it prints the bytes malloc has handed out and not taken
 * back (mallinfo2: arenas and mmap'd blocks), the peak RSS so far and the
 * CPU time of the stage (getrusage, user + system).  Run it under GNU
 * time for the whole process's peak.  The tree's znode and child arrays
 * are mapped, not malloc'd (tree.c): mallinfo2 does not count them.
 *
 *	load DUMP
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "error.h"
#include "model.h"
#include "tree.h"

/* Print the figures after stage what; *cpu: CPU time at the last call. */
static void
load_report(const char *what, double *cpu)
{
	struct mallinfo2 mi = mallinfo2();
	struct rusage ru;
	double now;

	getrusage(RUSAGE_SELF, &ru);
	now = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	    ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
	printf("%-16s %8.1f MB in use %8.1f MiB peak RSS %6.2f s CPU\n", what,
	    (double)(mi.uordblks + mi.hblkhd) / 1e6,
	    (double)ru.ru_maxrss / 1024, now - *cpu);
	*cpu = now;
}

int
main(int argc, char **argv)
{
	struct tree t = {0};
	struct model m = {0};
	struct error e;
	double cpu = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: load DUMP\n");
		return 2;
	}
	if (tree_load(&t, argv[1], &e) == -1) {
		fprintf(stderr, "load: %s\n", e.msg);
		return 1;
	}
	printf("%zu znodes; mapped: %.1f MB of znode array, %.1f MB of child "
	       "index\n",
	    t.n, (double)(t.cap * sizeof *t.nodes) / 1e6,
	    (double)(t.n * sizeof *t.kids) / 1e6);
	load_report("tree_load", &cpu);
	if (model_from_tree(&m, &t, t.root, &e) == -1) {
		fprintf(stderr, "load: %s\n", e.msg);
		tree_free(&t);
		return 1;
	}
	load_report("model_from_tree", &cpu);
	tree_free(&t);
	load_report("tree_free", &cpu);
	model_free(&m);
	return 0;
}
