// interface_filter.h — which incoming messages a quiescing server holds back.
//
// While an update waits for state quiescence, a server keeps serving the
// messages that drive it towards quiescence (e.g. replies that complete open
// requests) and holds back the ones that would start new work. The filter is
// an ordered rule list; the first rule that matches a message decides; a
// message no rule matches is delivered.
//
// Text form (rules separated by ',' or ';'):
//     hold *                       hold everything
//     deliver 0x100-0x1ff, hold *  serve replies in that range, hold the rest
//     deliver from 3, hold 0x200   messages from endpoint 3 pass; type 0x200 waits
// A rule is `hold|deliver [*|T|T-U] [from E]` with T, U, E decimal or 0x hex.
//
// Entry points: MessageAction, InterfaceRule, InterfaceFilter::add,
// InterfaceFilter::parse, InterfaceFilter::decide.
#pragma once

#include <libupdate/result.h>
#include <libupdate/text.h>
#include <neurath/endpoint.h>
#include <neurath/message.h>

namespace libupdate {

enum class MessageAction : uint8_t { Deliver, Hold };

struct InterfaceRule {
    MessageAction action = MessageAction::Hold;
    int32_t first_type = INT32_MIN;  // inclusive range of message types
    int32_t last_type = INT32_MAX;
    neurath::Endpoint source = neurath::kAny;  // kAny: from anyone

    bool matches(const neurath::Message& message) const {
        return message.type >= first_type && message.type <= last_type &&
               (source == neurath::kAny || source == message.source);
    }
};

class InterfaceFilter {
public:
    static constexpr size_t kMaxRules = 32;

    Result<void> add(const InterfaceRule& rule);
    static Result<InterfaceFilter> parse(StringView text);

    MessageAction decide(const neurath::Message& message) const;
    size_t rule_count() const { return count_; }
    const InterfaceRule& rule(size_t i) const { return rules_[i]; }

private:
    InterfaceRule rules_[kMaxRules];
    size_t count_ = 0;
};

}  // namespace libupdate
