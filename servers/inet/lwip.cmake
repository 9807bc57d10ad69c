# lwip.cmake — lwIP's core from Debian's `lwip` source package (2.1.3),
# fetched at configure time by tools/debian_source.py (a deb-src entry
# derived from the system's sources, `apt-get source --download-only lwip`;
# cached in the build tree) and compiled for the target, freestanding, with
# inet's port files (port/include: lwipopts.h, arch/cc.h; port/libc: the
# two C library headers lwIP includes). Defines the static library
# `inet_lwip`: IPv4, ARP, ICMP, UDP, TCP, DHCP, raw pcbs and Ethernet.
# lwIP is third-party C, compiled with its own warnings not turned into
# errors, and with the Neurath pass (below): its state is inet's state.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(INET_LWIP_WORK ${CMAKE_BINARY_DIR}/third_party/lwip)
execute_process(
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tools/debian_source.py lwip ${INET_LWIP_WORK}
    OUTPUT_VARIABLE INET_LWIP_TREE OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_VARIABLE fetch_error
    RESULT_VARIABLE fetch_status)
if(NOT fetch_status EQUAL 0 OR NOT EXISTS ${INET_LWIP_TREE}/src/core/tcp.c)
    message(FATAL_ERROR "inet: cannot fetch lwIP from Debian's source package 'lwip': ${fetch_error}")
endif()

set(lwip_src ${INET_LWIP_TREE}/src)
set(inet_lwip_sources
    ${lwip_src}/core/init.c ${lwip_src}/core/def.c ${lwip_src}/core/inet_chksum.c ${lwip_src}/core/ip.c
    ${lwip_src}/core/mem.c ${lwip_src}/core/memp.c ${lwip_src}/core/netif.c ${lwip_src}/core/pbuf.c
    ${lwip_src}/core/raw.c ${lwip_src}/core/stats.c ${lwip_src}/core/sys.c ${lwip_src}/core/tcp.c
    ${lwip_src}/core/tcp_in.c ${lwip_src}/core/tcp_out.c ${lwip_src}/core/timeouts.c ${lwip_src}/core/udp.c
    ${lwip_src}/core/ipv4/dhcp.c ${lwip_src}/core/ipv4/etharp.c ${lwip_src}/core/ipv4/icmp.c
    ${lwip_src}/core/ipv4/ip4.c ${lwip_src}/core/ipv4/ip4_addr.c ${lwip_src}/core/ipv4/ip4_frag.c
    ${lwip_src}/netif/ethernet.c)
add_library(inet_lwip STATIC ${inet_lwip_sources})
target_include_directories(inet_lwip SYSTEM PUBLIC ${lwip_src}/include ${CMAKE_CURRENT_SOURCE_DIR}/port/include)
target_include_directories(inet_lwip SYSTEM PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/port/libc)
target_compile_options(inet_lwip PRIVATE -Wno-error -w)
# Live update: lwIP's state (pcbs, pbufs, timeouts, the netif) is inet's
# state, so lwIP is built with the pass. Its pool and heap allocators are
# allocator wrappers (their callers say what they allocate); pbuf_alloc's
# buffers carry packet bytes after the pbuf header, which are data.
neurath_instrument(inet_lwip)
target_compile_options(inet_lwip PRIVATE "SHELL:-Xclang -load -Xclang ${NEURATH_PASS_PLUGIN}"
    "SHELL:-mllvm -lu-allocator-wrapper=memp_malloc,mem_malloc,mem_calloc,mem_trim"
    "SHELL:-mllvm -lu-data-allocation=pbuf_alloc,pbuf_alloc_reference")
