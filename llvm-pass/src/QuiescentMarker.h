// QuiescentMarker.h — quiescent points: where the runtime may park a server
// for an update (the framework's receive at the top of the event loop).
//
// Two ways to name the receive:
//   * by name (option -lu-receive, default lu_quiescent_receive): every CALL
//     of it is bracketed with __lu_quiescent_enter / __lu_quiescent_leave;
//   * by annotation on its definition,
//     __attribute__((annotate("neurath.quiescent"))): the function's BODY is
//     bracketed (entry and every return), so callers in other units need
//     nothing. Use one or the other for a given function, not both.
// Entry points: findQuiescentPoints() (describes the points into
// model.quiescentPoints), markQuiescentPoints() (inserts the calls).
#pragma once

#include <functional>
#include <vector>

#include "Model.h"
#include "Options.h"

namespace llvm {
class CallBase;
class Constant;
class Function;
class Module;
}  // namespace llvm

namespace neurath::pass {

struct QuiescentSite {
    llvm::CallBase* call = nullptr;      // a receive call, or
    llvm::Function* function = nullptr;  // an annotated receive definition
};

std::vector<QuiescentSite> findQuiescentPoints(llvm::Module& module,
                                               const Options& options,
                                               ModuleModel& model);

void markQuiescentPoints(llvm::Module& module, const std::vector<QuiescentSite>& sites,
                         const std::function<llvm::Constant*(size_t)>& pointAddress);

}  // namespace neurath::pass
