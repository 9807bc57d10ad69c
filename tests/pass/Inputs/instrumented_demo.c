/* instrumented_demo.c — a program built through the CMake function
 * neurath_instrument() (see tests/pass/CMakeLists.txt), to prove that the
 * function wires the plugin, -g and the report directory correctly. */
#include <stdlib.h>

struct node { int value; struct node* next; };

struct node* list_head;

void lu_test_dump(void);

int main(void) {
    struct node* n = malloc(sizeof *n);
    n->value = 7;
    n->next = list_head;
    list_head = n;
    lu_test_dump();
    free(n);
    return 0;
}
