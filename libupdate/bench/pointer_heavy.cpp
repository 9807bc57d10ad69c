// pointer_heavy.cpp — pointer-heavy microbenchmark: builds a binary search
// tree and a ring of nodes, then chases pointers through them (lookups,
// in-order walks, ring rotations) with few allocations. Built twice (plain
// and with the pass) to measure instrumentation overhead. Prints a checksum.
//
// Usage: pointer_heavy [nodes] [rounds]
#include <cstdio>
#include <cstdlib>

namespace {

struct TreeNode {
    long key;
    long value;
    TreeNode* left;
    TreeNode* right;
};

struct RingNode {
    long weight;
    RingNode* next;
    TreeNode* anchor;
};

TreeNode* root;
RingNode* ring;
unsigned long seed = 99;

unsigned long next_random() {
    seed = seed * 6364136223846793005ul + 1442695040888963407ul;
    return seed >> 17;
}

void insert(long key) {
    TreeNode** link = &root;
    while (*link) link = key < (*link)->key ? &(*link)->left : &(*link)->right;
    *link = new TreeNode{key, key * 3, nullptr, nullptr};
}

TreeNode* find(long key) {
    TreeNode* node = root;
    while (node && node->key != key) node = key < node->key ? node->left : node->right;
    return node;
}

long walk(const TreeNode* node) { return node ? walk(node->left) + node->value + walk(node->right) : 0; }

}  // namespace

int main(int argc, char** argv) {
    long nodes = argc > 1 ? std::atol(argv[1]) : 200000;
    long rounds = argc > 2 ? std::atol(argv[2]) : 3000000;
    for (long i = 0; i < nodes; ++i) insert(static_cast<long>(next_random() % (nodes * 8)));
    for (long i = 0; i < nodes / 4; ++i) {
        RingNode* node = new RingNode{i, nullptr, find(static_cast<long>(next_random() % (nodes * 8)))};
        node->next = ring ? ring->next : node;
        if (ring) ring->next = node;
        ring = node;
    }
    unsigned long checksum = 0;
    for (long round = 0; round < rounds; ++round) {
        if (TreeNode* hit = find(static_cast<long>(next_random() % (nodes * 8)))) checksum += static_cast<unsigned long>(hit->value);
        ring = ring->next;
        checksum += static_cast<unsigned long>(ring->weight + (ring->anchor ? ring->anchor->key : 0));
    }
    checksum += static_cast<unsigned long>(walk(root));
    std::printf("pointer_heavy checksum %lu\n", checksum);
    return 0;
}
