// update_policy.cpp — inet's update policy (see update_policy.h).
//
// Entry point: inet::update_policy.
#include "update_policy.h"

namespace inet {

namespace {

// The new version's copy of a variable that was only meaningful while lwIP
// processed one incoming packet: zero (no packet in hand).
libupdate::Result<void> start_empty(libupdate::TransferContext& context, const libupdate::OldValue*, void* out,
                                    libupdate::TypeId type, void*) {
    const uint64_t size = context.new_model().type(type).size;
    for (uint64_t i = 0; i < size; ++i) static_cast<uint8_t*>(out)[i] = 0;
    return {};
}

// tcp_in.c: the segment, header, options, data and pcb of the packet
// tcp_input is working on; ip.c: the addresses and headers of the packet
// ip4_input is working on. All point into that packet's (freed) pbuf.
const libupdate::VariableHookEntry kPerPacketVariables[] = {
    {"inseg", start_empty, nullptr},      {"tcphdr", start_empty, nullptr},  {"tcphdr_opt2", start_empty, nullptr},
    {"recv_data", start_empty, nullptr},  {"tcp_input_pcb", start_empty, nullptr}, {"ip_data", start_empty, nullptr},
};

// Constant-initialised, so the pass sees a constant (never transferred).
constexpr libupdate::UpdatePolicy kPolicy{libupdate::TransferHooks{
    .variable_hooks = kPerPacketVariables,
    .variable_hook_count = sizeof kPerPacketVariables / sizeof kPerPacketVariables[0]}};

}  // namespace

const libupdate::UpdatePolicy* update_policy() { return &kPolicy; }

}  // namespace inet
