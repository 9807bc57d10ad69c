// inventory.h — see program.h: the inventory program implements that interface.
#pragma once

#include "../program.h"
