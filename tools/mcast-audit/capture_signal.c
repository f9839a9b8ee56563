/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_signal.c - Ctrl-C ends a run cleanly: the frames seen so far are
 * still judged and reported.  A live capture is woken by pcap_breakloop(),
 * which libpcap documents as safe to call from a signal handler. */
#include <pcap/pcap.h>
#include <signal.h>
#include "capture_internal.h"

static volatile sig_atomic_t seen;
static pcap_t *volatile live;
static struct sigaction old_int, old_term;
static gboolean installed;

static void on_signal(int sig)
{
    (void)sig;
    seen = 1;
    if (live)
        pcap_breakloop(live);
}

void ma_capture_sigint_install(void *live_pcap)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: poll() must return EINTR */
    seen = 0;
    live = live_pcap;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    installed = TRUE;
}

void ma_capture_sigint_restore(void)
{
    if (!installed)
        return;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    live = NULL;
    installed = FALSE;
}

gboolean ma_capture_sigint_seen(void)
{
    return seen != 0;
}

/* SIGHUP: a probe re-opens its output (log rotation); the flag is taken
 * by whoever polls it. */
static volatile sig_atomic_t hup_seen;
static struct sigaction old_hup;
static gboolean hup_installed;

static void on_hup(int sig)
{
    (void)sig;
    hup_seen = 1;
}

void ma_capture_sighup_install(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_hup;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    hup_seen = 0;
    sigaction(SIGHUP, &sa, &old_hup);
    hup_installed = TRUE;
}

void ma_capture_sighup_restore(void)
{
    if (hup_installed)
        sigaction(SIGHUP, &old_hup, NULL);
    hup_installed = FALSE;
}

gboolean ma_capture_sighup_take(void)
{
    if (!hup_seen)
        return FALSE;
    hup_seen = 0;
    return TRUE;
}

void ma_capture_wait_stop(void)
{
    ma_capture_sigint_install(NULL);
    while (!ma_capture_sigint_seen())
        g_usleep(G_USEC_PER_SEC / 10); /* a signal cuts the sleep short; the flag is what counts */
    ma_capture_sigint_restore();
}
