// inventory.cpp — a small stock-keeping program whose state exercises every
// kind of data the transfer must carry: a malloc'd linked list, a hash table
// with strdup'd keys and calloc'd buckets, a binary tree built with new, an
// array of structs, char arrays and pointers to string literals, a table of
// function pointers, a cyclic ring, objects shared by several pointers,
// interior pointers, pointers into globals, a realloc'd array, a union and
// an enum. Compiled with the pass; the same source serves as "old" and "new"
// version of the identity update.
#include "inventory.h"

#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>

namespace inventory {

enum class Mode { Idle = 0, Busy = 3, Closing = 7 };

struct Item {
    char* name;      // strdup'd key
    long quantity;
    Item* next;      // hash chain
};

struct Order {
    int id;
    Item* item;      // shared with the hash table
    int amount;
    Order* next;
};

struct PriceNode {
    int price;
    PriceNode* left;
    PriceNode* right;
    Item* item;      // shared
};

struct RingNode {
    int label;
    RingNode* next;  // cycle
};

struct Slot {
    char label[16];
    int counts[4];
    union {
        long as_long;
        double as_double;
    } value;
};

using Handler = long (*)(long);
long double_it(long x) { return 2 * x; }
long negate(long x) { return -x; }
long square(long x) { return x * x; }

struct Command {
    const char* name;  // a string literal
    Handler run;
};

constexpr int kBuckets = 13;

Item** buckets;            // calloc'd array of chains
Order* orders;             // linked list
PriceNode* prices;         // binary tree
RingNode* ring;            // cyclic list
Slot slots[6];
Slot* current_slot = &slots[2];          // pointer into a global
int* hot_count = &slots[1].counts[3];    // interior pointer into a global
long* history;                           // realloc'd
int history_length;
Command commands[3] = {{"double", double_it}, {"negate", negate}, {"square", square}};
Command* last_command;
const char* mode_name = "idle";
Item* no_item = reinterpret_cast<Item*>(1);  // a sentinel, not an address
union Spotlight {                            // only pointers: relocatable whatever is active
    Item* item;
    Order* order;
} spotlight;
union Scratch {                              // pointer or number: fine while all zero
    long number;
    Item* item;
} idle_scratch;
int (*compare_names)(const char*, const char*) = std::strcmp;  // a C library function
Mode mode = Mode::Idle;
unsigned seed = 12345;

unsigned next_random() {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) & 0xffff;
}

unsigned bucket_of(const char* name) {
    unsigned hash = 5381;
    for (const char* p = name; *p; ++p) hash = hash * 33 + static_cast<unsigned char>(*p);
    return hash % kBuckets;
}

Item* find_or_add_item(const char* name) {
    if (!buckets) buckets = static_cast<Item**>(calloc(kBuckets, sizeof(Item*)));
    unsigned b = bucket_of(name);
    for (Item* item = buckets[b]; item; item = item->next)
        if (std::strcmp(item->name, name) == 0) return item;
    Item* item = static_cast<Item*>(malloc(sizeof(Item)));
    item->name = strdup(name);
    item->quantity = 0;
    item->next = buckets[b];
    buckets[b] = item;
    return item;
}

void insert_price(PriceNode** root, int price, Item* item) {
    while (*root) root = price < (*root)->price ? &(*root)->left : &(*root)->right;
    *root = new PriceNode{price, nullptr, nullptr, item};
}

void add_order(int id, Item* item, int amount) {
    Order* order = static_cast<Order*>(malloc(sizeof(Order)));
    *order = Order{id, item, amount, orders};
    orders = order;
    item->quantity += amount;
}

void remove_first_order_of(Item* item) {
    for (Order** link = &orders; *link; link = &(*link)->next) {
        if ((*link)->item != item) continue;
        Order* dead = *link;
        *link = dead->next;
        item->quantity -= dead->amount;
        free(dead);
        return;
    }
}

void grow_ring(int label) {
    RingNode* node = new RingNode{label, nullptr};
    if (!ring) {
        node->next = node;
        ring = node;
    } else {
        node->next = ring->next;
        ring->next = node;
    }
}

void record(long value) {
    history = static_cast<long*>(realloc(history, sizeof(long) * static_cast<size_t>(history_length + 1)));
    history[history_length++] = value;
}

const char* const kNames[] = {"apple", "bolt", "cable", "drill", "epoxy", "flange", "gasket", "hinge"};

// Three statics of one function, two of them with one name: they pair up
// between versions in order. `count` false only reads them.
int count_calls(bool twice, bool count) {
    static int calls = 0;
    if (count) ++calls;
    if (!twice) return calls;
    static int calls_twice = 0;
    {
        static int calls = 100;
        if (count) calls_twice = ++calls;
    }
    return calls_twice;
}

void step() {
    const char* name = kNames[next_random() % 8];
    Item* item = find_or_add_item(name);
    int action = static_cast<int>(next_random() % 6);
    if (action <= 2) {
        add_order(static_cast<int>(next_random() % 1000), item, static_cast<int>(next_random() % 20) + 1);
    } else if (action == 3) {
        remove_first_order_of(item);
    } else if (action == 4) {
        insert_price(&prices, static_cast<int>(next_random() % 500), item);
    } else {
        last_command = &commands[next_random() % 3];
        record(last_command->run(item->quantity));
    }
    ++*hot_count;
    current_slot->counts[next_random() % 4] += 1;
}

void run_phase(int phase) {
    if (phase == 1) {
        for (int i = 0; i < 6; ++i) {
            std::snprintf(slots[i].label, sizeof slots[i].label, "slot-%d", i);
            slots[i].value.as_long = 100 + i;
        }
        for (int i = 0; i < 5; ++i) grow_ring(i);
        mode = Mode::Busy;
        mode_name = "busy";
        for (int i = 0; i < 300; ++i) step();
        current_slot = &slots[4];
        spotlight.order = orders->next;
        count_calls(false, true);
        count_calls(true, true);
    } else {
        for (int i = 0; i < 300; ++i) step();
        for (int i = 5; i < 8; ++i) grow_ring(i);
        ring = ring->next;
        mode = Mode::Closing;
        mode_name = "closing";
    }
}

void digest_tree(const PriceNode* node, std::string& out) {
    if (!node) return;
    digest_tree(node->left, out);
    out += std::to_string(node->price) + ":" + node->item->name + "=" + std::to_string(node->item->quantity) + " ";
    digest_tree(node->right, out);
}

std::string describe() {
    std::string out = "mode " + std::string(mode_name) + " " + std::to_string(static_cast<int>(mode)) + "\n";
    for (int b = 0; buckets && b < kBuckets; ++b)
        for (Item* item = buckets[b]; item; item = item->next)
            out += "item " + std::string(item->name) + " " + std::to_string(item->quantity) + "\n";
    for (Order* order = orders; order; order = order->next)
        out += "order " + std::to_string(order->id) + " " + order->item->name + " " + std::to_string(order->amount) + "\n";
    out += "tree ";
    digest_tree(prices, out);
    out += "\nring";
    for (RingNode* node = ring; node;) {
        out += " " + std::to_string(node->label);
        node = node->next;
        if (node == ring) break;
    }
    out += "\nslots";
    for (const Slot& slot : slots) {
        out += std::string(" ") + slot.label + "/" + std::to_string(slot.value.as_long);
        for (int c : slot.counts) out += "," + std::to_string(c);
    }
    out += "\ncurrent " + std::to_string(current_slot - slots) + " hot " + std::to_string(*hot_count);
    out += "\nhistory";
    for (int i = 0; i < history_length; ++i) out += " " + std::to_string(history[i]);
    out += "\nmarker " + std::to_string(reinterpret_cast<uintptr_t>(no_item)) + " scratch " + std::to_string(idle_scratch.number);
    out += " spotlight " + std::to_string(spotlight.order ? spotlight.order->id : -1);
    out += " compare " + std::to_string(compare_names("bolt", "bolt")) + " calls " + std::to_string(count_calls(false, false)) + "/" +
           std::to_string(count_calls(true, false));
    out += "\nlast " + std::string(last_command ? last_command->name : "none");
    out += " -> " + std::to_string(last_command ? last_command->run(7) : 0) + "\n";
    return out;
}

void break_state(const char* how) {
    if (std::strcmp(how, "dangling") == 0) {
        orders->next->item = reinterpret_cast<Item*>(0x7e57dead0000);  // points nowhere
    } else if (std::strcmp(how, "wrong-type") == 0) {
        orders->item = reinterpret_cast<Item*>(ring);  // a live object of another type
    }
}

}  // namespace inventory

namespace test_program {

void workload(int phase) { inventory::run_phase(phase); }
void scenario(const char* name) { inventory::break_state(name); }
std::string digest() { return inventory::describe(); }

}  // namespace test_program
