/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pcap-loop - the reading floor of bench/run: a bare libpcap loop that reads
 * every record with pcap_next_ex() and touches every captured byte (a sum the
 * compiler cannot drop), nothing else.  mcast-audit cannot read a capture
 * faster than this; bench/run prints mcast-audit's time as a ratio of it.
 *
 *   pcap-loop FILE   prints "packets N bytes N sum N"; exit 0, or 2 on error
 */
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        (void)fprintf(stderr, "usage: pcap-loop FILE\n");
        return 2;
    }
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(argv[1], err);
    if (p == NULL) {
        (void)fprintf(stderr, "pcap-loop: %s\n", err);
        return 2;
    }
    uint64_t packets = 0;
    uint64_t bytes = 0;
    uint64_t sum = 0;
    struct pcap_pkthdr *hdr = NULL;
    const u_char *data = NULL;
    int rc;
    while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
        packets++;
        bytes += hdr->caplen;
        for (bpf_u_int32 i = 0; i < hdr->caplen; i++) {
            sum += data[i];
        }
    }
    if (rc == PCAP_ERROR) {
        (void)fprintf(stderr, "pcap-loop: %s: %s\n", argv[1], pcap_geterr(p));
        pcap_close(p);
        return 2;
    }
    pcap_close(p);
    (void)printf("packets %" PRIu64 " bytes %" PRIu64 " sum %" PRIu64 "\n", packets, bytes, sum);
    return 0;
}
