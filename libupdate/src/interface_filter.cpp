// interface_filter.cpp — rule matching and the text form of interface filters.
//
// Entry points: InterfaceFilter::add, parse, decide.
#include <libupdate/interface_filter.h>

namespace libupdate {

namespace {

class RuleParser {
public:
    explicit RuleParser(StringView text) : text_(text) {}

    bool at_end() {
        skip_spaces();
        return position_ >= text_.length;
    }

    Result<InterfaceRule> rule() {
        InterfaceRule rule;
        StringView action = word();
        if (action == StringView("hold")) rule.action = MessageAction::Hold;
        else if (action == StringView("deliver")) rule.action = MessageAction::Deliver;
        else return fail("expected 'hold' or 'deliver', found", action);
        skip_spaces();
        if (peek() == '*') {
            ++position_;
        } else if (is_digit(peek())) {
            rule.first_type = rule.last_type = TRY(number("message type"));
            if (peek() == '-') {
                ++position_;
                rule.last_type = TRY(number("message type"));
                if (rule.last_type < rule.first_type) return fail("empty message type range", StringView());
            }
        }
        skip_spaces();
        if (is_letter(peek())) {
            StringView keyword = word();
            if (!(keyword == StringView("from"))) return fail("expected 'from', found", keyword);
            skip_spaces();
            rule.source = TRY(number("endpoint"));
        }
        skip_spaces();
        if (position_ < text_.length) {
            if (peek() != ',' && peek() != ';') return fail("expected ',' or ';' between rules at", StringView(text_.data + position_, 1));
            ++position_;
        }
        return rule;
    }

private:
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }
    static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    char peek() const { return position_ < text_.length ? text_[position_] : '\0'; }

    void skip_spaces() {
        while (peek() == ' ' || peek() == '\t') ++position_;
    }

    StringView word() {
        skip_spaces();
        size_t start = position_;
        while (is_letter(peek())) ++position_;
        return StringView(text_.data + start, position_ - start);
    }

    Result<int32_t> number(const char* what) {
        skip_spaces();
        size_t start = position_;
        int64_t value = 0;
        int base = 10;
        if (peek() == '0' && position_ + 1 < text_.length && (text_[position_ + 1] == 'x' || text_[position_ + 1] == 'X')) {
            base = 16;
            position_ += 2;
        }
        size_t digits = 0;
        for (;; ++position_, ++digits) {
            char c = peek();
            int digit = is_digit(c) ? c - '0' : (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
                      : (base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (digit < 0) break;
            value = value * base + digit;
            if (value > INT32_MAX) return fail("number too large for a", StringView(what));
        }
        if (digits == 0) return fail("expected a number for the", StringView(what));
        (void)start;
        return static_cast<int32_t>(value);
    }

    UpdateError fail(const char* what, StringView found) {
        UpdateError error;
        error.code = neurath::Error::InvalidArgument;
        TextBuilder text(error.text, kErrorTextSize);
        text.add("interface filter, column ").add_unsigned(position_ + 1).add(": ").add(what);
        if (!found.empty()) text.add(" '").add(found).add("'");
        return error;
    }

    StringView text_;
    size_t position_ = 0;
};

}  // namespace

Result<void> InterfaceFilter::add(const InterfaceRule& rule) {
    if (count_ == kMaxRules) return make_error(neurath::Error::TooBig, "interface filter: more than 32 rules");
    if (rule.first_type > rule.last_type) return make_error(neurath::Error::InvalidArgument, "interface filter: empty type range");
    rules_[count_++] = rule;
    return {};
}

Result<InterfaceFilter> InterfaceFilter::parse(StringView text) {
    InterfaceFilter filter;
    RuleParser parser(text);
    if (parser.at_end()) return make_error(neurath::Error::InvalidArgument, "interface filter: no rules");
    while (!parser.at_end()) TRY(filter.add(TRY(parser.rule())));
    return filter;
}

MessageAction InterfaceFilter::decide(const neurath::Message& message) const {
    for (size_t i = 0; i < count_; ++i)
        if (rules_[i].matches(message)) return rules_[i].action;
    return MessageAction::Deliver;
}

}  // namespace libupdate
