/*
 * test_outfile: writing outputs completely or not at all (outfile.h): a new
 * file gets 0666 less the umask, a replaced file keeps its mode and old
 * content until commit, abort and failed commits leave no temporary file, a
 * symbolic link stays a link while its target is replaced, a FIFO is written
 * in place and stays a FIFO, a socket or a directory is refused, missing
 * directories and link loops give a DIAG_IO error naming the path, and
 * standard output reports its write errors. Everything happens in a fresh
 * directory under /tmp (never /dev, as the tests may run as root); a failed
 * write is simulated by putting a read-only descriptor under the stream.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/outfile.h"

/* The test directory, made by setup and removed with its content by
 * teardown; p() builds names inside it. */
static char dir[64];

static const char *p(const char *name) {
    static char buf[4][256];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, sizeof buf[0], "%s/%s", dir, name);
    return b;
}

static int setup(void **state) {
    (void)state;
    strcpy(dir, "/tmp/test_outfile-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

/* Remove every entry of d (one level of subdirectories), then d. */
static void remove_tree(const char *d) {
    DIR *dh = opendir(d);
    if (!dh) return;
    struct dirent *e;
    char sub[512];
    while ((e = readdir(dh)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(sub, sizeof sub, "%s/%s", d, e->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
            remove_tree(sub);
        } else {
            unlink(sub);
        }
    }
    closedir(dh);
    rmdir(d);
}

static int teardown(void **state) {
    (void)state;
    remove_tree(dir);
    return 0;
}

static void write_file(const char *path, const char *text, mode_t mode) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

/* The whole content of path, in a static buffer. */
static const char *read_file(const char *path) {
    static char buf[4096];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Entries of directory d whose name contains ".tmp-". */
static int count_tmp(const char *d) {
    DIR *dh = opendir(d);
    assert_non_null(dh);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) n += strstr(e->d_name, ".tmp-") != NULL;
    closedir(dh);
    return n;
}

static mode_t mode_of(const char *path) {
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* dl holds one DIAG_IO error whose message contains each of the phrases. */
static void assert_io_error(const DiagList *dl, const char *phrase1, const char *phrase2) {
    assert_int_equal(dl->errors, 1);
    assert_int_equal(dl->items[0].kind, DIAG_IO);
    const char *m = dl->items[0].message;
    assert_non_null(m);
    if (!strstr(m, phrase1)) fail_msg("'%s' lacks '%s'", m, phrase1);
    if (phrase2 && !strstr(m, phrase2)) fail_msg("'%s' lacks '%s'", m, phrase2);
}

/* Make the stream's descriptor read-only, so its next flush fails with
 * EBADF as a full disk or a vanished device would fail it. */
static void break_stream(FILE *f) {
    int ro = open(dir, O_RDONLY);
    assert_true(ro >= 0);
    assert_true(dup2(ro, fileno(f)) >= 0);
    close(ro);
}

static void test_new_file(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    mode_t old = umask(027);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("new.txt"), &dl), 0);
    assert_int_equal(o.mode, OUTFILE_REPLACE);
    fputs("hello\n", o.f);
    assert_int_equal(count_tmp(dir), 1);
    assert_int_equal(access(p("new.txt"), F_OK), -1); /* nothing before commit */
    assert_int_equal(outfile_commit(&o, &dl), 0);
    assert_null(o.f);
    assert_string_equal(read_file(p("new.txt")), "hello\n");
    assert_int_equal(mode_of(p("new.txt")), 0640);

    umask(0);
    assert_int_equal(outfile_open(&o, p("open.txt"), &dl), 0);
    assert_int_equal(outfile_commit(&o, &dl), 0);
    assert_int_equal(mode_of(p("open.txt")), 0666);
    umask(old);
    assert_int_equal(count_tmp(dir), 0);
    assert_int_equal(dl.count, 0);
    diag_clear(&dl);
}

static void test_replace_keeps_mode(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    mode_t old = umask(022);
    write_file(p("r.txt"), "old\n", 0640);
    struct stat before, after;
    assert_int_equal(stat(p("r.txt"), &before), 0);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("r.txt"), &dl), 0);
    fputs("new content\n", o.f);
    fflush(o.f);
    assert_string_equal(read_file(p("r.txt")), "old\n"); /* readers see the old file */
    assert_int_equal(outfile_commit(&o, &dl), 0);
    assert_string_equal(read_file(p("r.txt")), "new content\n");
    assert_int_equal(mode_of(p("r.txt")), 0640);
    assert_int_equal(stat(p("r.txt"), &after), 0);
    assert_true(before.st_ino != after.st_ino); /* renamed over, not rewritten */
    assert_int_equal(count_tmp(dir), 0);
    umask(old);
    assert_int_equal(dl.count, 0);
    diag_clear(&dl);
}

static void test_abort(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    write_file(p("a.txt"), "keep\n", 0644);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("a.txt"), &dl), 0);
    fputs("discard\n", o.f);
    assert_int_equal(count_tmp(dir), 1);
    outfile_abort(&o);
    assert_null(o.f);
    outfile_abort(&o); /* a cleared OutFile: nothing to do */
    assert_string_equal(read_file(p("a.txt")), "keep\n");
    assert_int_equal(count_tmp(dir), 0);

    /* never committed, new file: nothing at all is left */
    assert_int_equal(outfile_open(&o, p("never.txt"), &dl), 0);
    outfile_abort(&o);
    assert_int_equal(access(p("never.txt"), F_OK), -1);
    assert_int_equal(count_tmp(dir), 0);
    assert_int_equal(dl.count, 0);
    diag_clear(&dl);
}

static void test_commit_failure(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    write_file(p("c.txt"), "old\n", 0644);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("c.txt"), &dl), 0);
    fputs("lost\n", o.f); /* still in the stream's buffer */
    break_stream(o.f);
    assert_int_equal(outfile_commit(&o, &dl), -1);
    assert_null(o.f);
    assert_io_error(&dl, p("c.txt"), strerror(EBADF));
    assert_string_equal(read_file(p("c.txt")), "old\n");
    assert_int_equal(count_tmp(dir), 0);
    diag_clear(&dl);
}

static void test_symlink(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(mkdir(p("real"), 0755), 0);
    write_file(p("real/out.txt"), "old\n", 0604);
    /* a relative chain: link2 -> link1 -> real/out.txt */
    assert_int_equal(symlink("real/out.txt", p("link1")), 0);
    assert_int_equal(symlink("link1", p("link2")), 0);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("link2"), &dl), 0);
    fputs("through the link\n", o.f);
    assert_int_equal(count_tmp(p("real")), 1); /* beside the final target */
    assert_int_equal(count_tmp(dir), 0);
    assert_int_equal(outfile_commit(&o, &dl), 0);
    struct stat st;
    assert_int_equal(lstat(p("link2"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(p("link1"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_string_equal(read_file(p("real/out.txt")), "through the link\n");
    assert_int_equal(mode_of(p("real/out.txt")), 0604);
    assert_int_equal(count_tmp(p("real")), 0);

    /* dangling, into an existing directory: the file is created there */
    assert_int_equal(symlink("real/later.txt", p("dangling")), 0);
    assert_int_equal(outfile_open(&o, p("dangling"), &dl), 0);
    fputs("created\n", o.f);
    assert_int_equal(outfile_commit(&o, &dl), 0);
    assert_int_equal(lstat(p("dangling"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_string_equal(read_file(p("real/later.txt")), "created\n");
    assert_int_equal(dl.count, 0);

    /* dangling, into a missing directory: an error naming both */
    assert_int_equal(symlink("nowhere/x.txt", p("broken")), 0);
    assert_int_equal(outfile_open(&o, p("broken"), &dl), -1);
    assert_null(o.f);
    assert_io_error(&dl, p("broken"), "nowhere/x.txt");
    assert_io_error(&dl, strerror(ENOENT), NULL);
    diag_clear(&dl);

    /* a loop */
    assert_int_equal(symlink("loop2", p("loop1")), 0);
    assert_int_equal(symlink("loop1", p("loop2")), 0);
    assert_int_equal(outfile_open(&o, p("loop1"), &dl), -1);
    assert_io_error(&dl, p("loop1"), strerror(ELOOP));
    assert_int_equal(lstat(p("loop1"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(count_tmp(dir), 0);
    diag_clear(&dl);
}

static void test_fifo(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    assert_int_equal(mkfifo(p("fifo"), 0600), 0);
    /* a reader first, so opening the writer does not wait */
    int rd = open(p("fifo"), O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("fifo"), &dl), 0);
    assert_int_equal(o.mode, OUTFILE_DIRECT);
    assert_int_equal(count_tmp(dir), 0);
    fputs("through the pipe\n", o.f);
    assert_int_equal(outfile_commit(&o, &dl), 0);
    char buf[64];
    ssize_t n = read(rd, buf, sizeof buf - 1);
    assert_int_equal(n, 17);
    buf[n] = '\0';
    assert_string_equal(buf, "through the pipe\n");
    struct stat st;
    assert_int_equal(lstat(p("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));

    /* a failed write in place is reported at commit, naming the path */
    assert_int_equal(outfile_open(&o, p("fifo"), &dl), 0);
    fputs("lost\n", o.f);
    break_stream(o.f);
    assert_int_equal(outfile_commit(&o, &dl), -1);
    assert_io_error(&dl, p("fifo"), strerror(EBADF));
    assert_int_equal(lstat(p("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    close(rd);

    /* abort in place closes without touching the FIFO */
    diag_clear(&dl);
    rd = open(p("fifo"), O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    assert_int_equal(outfile_open(&o, p("fifo"), &dl), 0);
    outfile_abort(&o);
    assert_int_equal(lstat(p("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    close(rd);
    assert_int_equal(dl.count, 0);
    diag_clear(&dl);
}

static void test_socket_and_directory(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", p("sock"));
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("sock"), &dl), -1);
    assert_io_error(&dl, p("sock"), NULL);
    struct stat st;
    assert_int_equal(lstat(p("sock"), &st), 0);
    assert_true(S_ISSOCK(st.st_mode)); /* still a socket */
    close(s);
    diag_clear(&dl);

    assert_int_equal(mkdir(p("adir"), 0755), 0);
    assert_int_equal(outfile_open(&o, p("adir"), &dl), -1);
    assert_io_error(&dl, p("adir"), strerror(EISDIR));
    assert_int_equal(lstat(p("adir"), &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(count_tmp(dir), 0);
    diag_clear(&dl);
}

static void test_missing_directory(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    OutFile o;
    assert_int_equal(outfile_open(&o, p("nodir/out.txt"), &dl), -1);
    assert_null(o.f);
    assert_null(o.path);
    assert_io_error(&dl, p("nodir/out.txt"), strerror(ENOENT));
    char want[300];
    snprintf(want, sizeof want, "cannot write '%s': %s", p("nodir/out.txt"), strerror(ENOENT));
    assert_string_equal(dl.items[0].message, want);
    assert_int_equal(access(p("nodir"), F_OK), -1);
    assert_int_equal(count_tmp(dir), 0);
    diag_clear(&dl);

    /* a file where a directory should be */
    write_file(p("plain"), "x", 0644);
    assert_int_equal(outfile_open(&o, p("plain/out.txt"), &dl), -1);
    assert_io_error(&dl, p("plain/out.txt"), strerror(ENOTDIR));
    diag_clear(&dl);
}

/* Standard output is redirected to a file in the test directory while the
 * module writes to it, then put back. */
static void test_stdout(void **state) {
    (void)state;
    DiagList dl;
    diag_init(&dl, 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    int fd = open(p("stdout.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_true(dup2(fd, STDOUT_FILENO) >= 0);
    close(fd);
    OutFile o;
    int rc_open = outfile_open(&o, "-", &dl);
    int mode = o.mode, same = o.f == stdout;
    fputs("to stdout\n", o.f);
    int rc_commit = outfile_commit(&o, &dl);

    /* a failed write: stdout on a read-only descriptor */
    int ro = open(dir, O_RDONLY);
    assert_true(dup2(ro, STDOUT_FILENO) >= 0);
    close(ro);
    int rc_open2 = outfile_open(&o, "-", &dl);
    fputs("nowhere\n", o.f);
    int rc_commit2 = outfile_commit(&o, &dl);
    outfile_abort(&o); /* cleared: must not close stdout */

    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);
    clearerr(stdout);
    assert_int_equal(rc_open, 0);
    assert_int_equal(mode, OUTFILE_STDOUT);
    assert_true(same);
    assert_int_equal(rc_commit, 0);
    assert_string_equal(read_file(p("stdout.txt")), "to stdout\n");
    assert_int_equal(rc_open2, 0);
    assert_int_equal(rc_commit2, -1);
    assert_io_error(&dl, "standard output", strerror(EBADF));
    diag_clear(&dl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace_keeps_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_and_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stdout, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
