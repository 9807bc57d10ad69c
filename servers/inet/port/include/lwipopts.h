/* lwipopts.h — how inet configures lwIP (Debian's lwip 2.1.3 source package).
 *
 * Raw API only (NO_SYS = 1: one thread, inet's event loop, calls into lwIP;
 * no sockets or netconn layer of lwIP's own: inet's socket protocol is
 * protocol/inet.h). IPv4 with ARP, ICMP, UDP, TCP and DHCP; no IPv6, DNS,
 * IGMP or AutoIP. Memory comes from inet's heap (malloc), so no pool size is
 * a hidden fixed limit; the limits inet keeps itself (sockets per process,
 * buffered bytes per socket) are in servers/inet/socket_table.h.
 */
#ifndef NEURATH_INET_LWIPOPTS_H
#define NEURATH_INET_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_TIMERS 1

/* Memory: every heap and pool allocation through malloc. */
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8
#define MEM_SIZE (256 * 1024)
#define PBUF_POOL_SIZE 128
#define MEMP_NUM_PBUF 128
#define MEMP_NUM_RAW_PCB 4
#define MEMP_NUM_UDP_PCB 32
#define MEMP_NUM_TCP_PCB 64
#define MEMP_NUM_TCP_PCB_LISTEN 32
#define MEMP_NUM_TCP_SEG 512
#define MEMP_NUM_SYS_TIMEOUT 16

/* Protocols. */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define LWIP_DHCP_DOES_ACD_CHECK 0
#define DHCP_DOES_ARP_CHECK 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define ETHARP_SUPPORT_STATIC_ENTRIES 0
#define ARP_QUEUEING 1

/* TCP: a window and send buffer large enough for bulk transfers. */
#define TCP_MSS 1460
#define TCP_WND (32 * TCP_MSS)
#define TCP_SND_BUF (32 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_QUEUE_OOSEQ 1
#define LWIP_TCP_KEEPALIVE 0
#define LWIP_WND_SCALE 0
#define TCP_LISTEN_BACKLOG 0
#define SO_REUSE 1

/* Network interface. */
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_NETIF_HOSTNAME 1
#define LWIP_SINGLE_NETIF 1
#define LWIP_NETIF_TX_SINGLE_PBUF 1
/* Traffic to the interface's own address loops back inside lwIP; with
 * NO_SYS inet delivers it (netif_poll) after every request and event. */
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_LOOPBACK_MAX_PBUFS 128

/* Checksums in software (netdrv negotiates no offloads). */
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_ICMP 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_UDP 1
#define CHECKSUM_CHECK_TCP 1
#define CHECKSUM_CHECK_ICMP 1

/* Counters come from inet's own bookkeeping and netdrv's LinkInfo. */
#define LWIP_STATS 0
#define LWIP_DEBUG 0

/* Random numbers (initial sequence numbers, DHCP transaction ids, ports). */
#ifdef __cplusplus
extern "C"
#endif
unsigned int inet_port_random(void);
#define LWIP_RAND() (inet_port_random())

#endif
