/*
 * standalone: replay files through the fuzz target without libFuzzer.
 *
 * usage: fuzz_replay PATH...   (a file, or a directory whose regular files
 * are replayed in name order). Built with the ordinary compiler and the
 * sanitizer preset, it turns the corpus into a regression test: a file that
 * once crashed the loader is replayed on every test run. Exits 0 when every
 * file ran, 1 when one could not be read, 2 on bad usage; a loader bug
 * aborts (sanitizer report or failed check).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Read a whole file into an exact-size buffer, so the sanitizers see any
 * read past its end as they would in the fuzzer. */
static int replay_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz_replay: cannot open %s\n", path);
        return -1;
    }
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        if (len == cap) {
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        fprintf(stderr, "fuzz_replay: cannot read %s\n", path);
        free(buf);
        return -1;
    }
    unsigned char *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int is_regular(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int replay_dir(const char *dir, int *count) {
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "fuzz_replay: cannot list %s\n", dir);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        size_t size = strlen(dir) + strlen(names[i]->d_name) + 2;
        char *path = malloc(size);
        if (path) {
            snprintf(path, size, "%s/%s", dir, names[i]->d_name);
            if (is_regular(path)) {
                if (replay_file(path)) rc = -1;
                else (*count)++;
            }
        } else {
            rc = -1;
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    int count = 0, rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (replay_dir(argv[i], &count)) rc = 1;
        } else if (replay_file(argv[i])) {
            rc = 1;
        } else {
            count++;
        }
    }
    printf("fuzz_replay: %d input%s replayed\n", count, count == 1 ? "" : "s");
    if (count == 0) rc = 1;
    return rc;
}
