/*
 * Reference harness around the real libalpm, built at test time by test/support/alpm.ts
 * (cc -O2 -o alpm-vercmp alpm-vercmp.c -lalpm). Spawning /usr/bin/vercmp per pair costs a
 * millisecond; this answers thousands of pairs per process.
 *
 * Input on stdin: NUL-terminated strings (versions may hold any byte but NUL, newlines included).
 *   alpm-vercmp              pairs a\0b\0...   -> one line per pair: alpm_pkg_vercmp(a, b) as -1/0/1
 *   alpm-vercmp --bench N    pairs a\0b\0...   -> compares every pair N times, prints
 *                                                 "<ns per comparison> <checksum>"
 *   alpm-vercmp --bench-split N K  pairs  -> the same loop, timed also after its first K calls and
 *                                                 over its last 10 rounds: "<ns per comparison, all>
 *                                                 <ns, first K> <ns, last 10 rounds> <checksum>"
 *   alpm-vercmp --dep        strings s\0...    -> alpm_dep_from_string(s) per string, one line:
 *                                                 mod \t name \t version \t desc \t computed string
 *                                                 (mod: any|eq|ge|le|gt|lt; version and desc are
 *                                                 "+value", or "-" when NULL)
 */
#include <alpm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *read_all(size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap);
	if(!buf) exit(2);
	while((r = fread(buf + n, 1, cap - n, stdin)) > 0) {
		n += r;
		if(n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if(!buf) exit(2);
		}
	}
	*len = n;
	return buf;
}

/* Splits buf into NUL-terminated strings; returns their count. */
static size_t split(char *buf, size_t len, char ***out)
{
	size_t count = 0, cap = 1024, i, start = 0;
	char **v = malloc(cap * sizeof(char *));
	if(!v) exit(2);
	for(i = 0; i < len; i++) {
		if(buf[i] == '\0') {
			if(count == cap) {
				cap *= 2;
				v = realloc(v, cap * sizeof(char *));
				if(!v) exit(2);
			}
			v[count++] = buf + start;
			start = i + 1;
		}
	}
	*out = v;
	return count;
}

static const char *modname(alpm_depmod_t mod)
{
	switch(mod) {
		case ALPM_DEP_MOD_EQ: return "eq";
		case ALPM_DEP_MOD_GE: return "ge";
		case ALPM_DEP_MOD_LE: return "le";
		case ALPM_DEP_MOD_GT: return "gt";
		case ALPM_DEP_MOD_LT: return "lt";
		default: return "any";
	}
}

int main(int argc, char **argv)
{
	size_t len, count, i;
	char *buf = read_all(&len);
	char **s;
	count = split(buf, len, &s);

	if(argc == 3 && strcmp(argv[1], "--bench") == 0) {
		long rounds = atol(argv[2]);
		struct timespec t0, t1;
		long r;
		long long sum = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for(r = 0; r < rounds; r++) {
			for(i = 0; i + 1 < count; i += 2) {
				sum += alpm_pkg_vercmp(s[i], s[i + 1]) + 1;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
		printf("%.3f %lld\n", ns / ((double)rounds * (double)(count / 2)), sum);
		return 0;
	}

	if(argc == 4 && strcmp(argv[1], "--bench-split") == 0) {
		long rounds = atol(argv[2]), first = atol(argv[3]), calls = 0, r;
		struct timespec t0, tk, tl, t1;
		long long sum = 0;
		size_t pairs = count / 2;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		tk = t0;
		tl = t0;
		for(r = 0; r < rounds; r++) {
			if(r == rounds - 10) clock_gettime(CLOCK_MONOTONIC, &tl);
			for(i = 0; i + 1 < count; i += 2) {
				sum += alpm_pkg_vercmp(s[i], s[i + 1]) + 1;
				if(++calls == first) clock_gettime(CLOCK_MONOTONIC, &tk);
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
#define NS(a, b) ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec))
		printf("%.3f %.3f %.3f %lld\n", NS(t0, t1) / ((double)rounds * pairs), NS(t0, tk) / (double)first,
				NS(tl, t1) / (10.0 * pairs), sum);
		return 0;
	}

	if(argc == 2 && strcmp(argv[1], "--dep") == 0) {
		for(i = 0; i < count; i++) {
			alpm_depend_t *d = alpm_dep_from_string(s[i]);
			if(!d) {
				printf("null\n");
				continue;
			}
			char *computed = alpm_dep_compute_string(d);
			printf("%s\t%s\t%s%s\t%s%s\t%s\n", modname(d->mod), d->name ? d->name : "",
					d->version ? "+" : "-", d->version ? d->version : "",
					d->desc ? "+" : "-", d->desc ? d->desc : "",
					computed ? computed : "");
			free(computed);
			alpm_dep_free(d);
		}
		return 0;
	}

	if(argc != 1) {
		fprintf(stderr, "usage: alpm-vercmp [--bench N | --dep] < NUL-separated input\n");
		return 2;
	}
	for(i = 0; i + 1 < count; i += 2) {
		int r = alpm_pkg_vercmp(s[i], s[i + 1]);
		fputs(r < 0 ? "-1\n" : r > 0 ? "1\n" : "0\n", stdout);
	}
	return 0;
}
