/* registry_v2.h — the types of version 2 of the "registry" test program,
 * shared by the program (C) and its test suite (C++). */
#ifndef REGISTRY_V2_H
#define REGISTRY_V2_H

#include "../c_program.h"

#ifdef __cplusplus
extern "C" {
#endif

enum Color { Blue = 10, Red = 20, Green = 30, Violet = 40 };
enum Kind { Loan = 3, Checking = 7, Savings = 12, Escrow = 20 };

struct LU_RENAMED_FROM("Account") Customer {
    long id;
    char name[24];
    enum Color color;
    enum Kind kind : 5;
    short balance;
    struct Customer* next;
    int visits;
    int priority LU_DEFAULT("5");
    struct Customer* best_friend;
};

extern struct Customer* accounts;
extern int customer_count;
extern int scores[8];
extern long totals[4];
extern struct Customer* by_id[16];
extern short* balance_ptr;

#ifdef __cplusplus
}
#endif

#endif
