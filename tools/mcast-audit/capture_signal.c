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
