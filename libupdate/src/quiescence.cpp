// quiescence.cpp — update requests, state-filter evaluation at quiescent
// points, and the hooks the pass inserts around the receive call.
//
// Entry points: quiescence_* (see quiescence.h), __lu_quiescent_enter,
// __lu_quiescent_leave.
#include <libupdate/quiescence.h>
#include <libupdate/state_environment.h>

namespace libupdate {

namespace {

struct QuiescenceState {
    bool pending = false;
    QuiescenceRequest request;
    StateFilter filter;
    bool has_filter = false;
    ProgramModel* model = nullptr;  // this program's metadata, loaded on first request
    MemoryReader reader;
    QuiescenceStats stats;
    const lu_quiescent_point* current = nullptr;
};

// Built in static storage on first use: no static destructor to register.
QuiescenceState& state() {
    alignas(QuiescenceState) static unsigned char storage[sizeof(QuiescenceState)];
    static QuiescenceState* instance = nullptr;
    if (!instance) instance = new (PlacementTag{}, storage) QuiescenceState();
    return *instance;
}

Result<ProgramModel*> own_model() {
    QuiescenceState& s = state();
    if (!s.model) {
        void* memory = platform_allocate(sizeof(ProgramModel));
        if (!memory) return make_error(neurath::Error::NoMemory, "out of memory loading metadata");
        s.model = new (PlacementTag{}, memory) ProgramModel();
        Result<void> loaded = s.model->load_local();
        if (!loaded.ok()) {
            s.model->~ProgramModel();
            platform_release(memory);
            s.model = nullptr;
            return loaded.error();
        }
        s.reader = local_memory_reader();
    }
    return s.model;
}

Result<bool> filter_holds() {
    QuiescenceState& s = state();
    if (!s.has_filter) return true;
    ProgramModel* model = TRY(own_model());
    MetadataEnvironment environment(*model, s.reader, true);
    ++s.stats.filter_evaluations;
    return s.filter.evaluate(environment);
}

}  // namespace

Result<void> quiescence_request(const QuiescenceRequest& request) {
    if (!request.park) return make_error(neurath::Error::InvalidArgument, "update request without a park handler");
    QuiescenceState& s = state();
    if (s.pending) return make_error(neurath::Error::Busy, "an update request is already pending");
    s.has_filter = request.state_filter && request.state_filter[0];
    if (s.has_filter) {
        s.filter = TRY(StateFilter::compile(request.state_filter));
        Result<bool> first = filter_holds();  // surfaces unknown names and type mismatches now
        if (!first.ok()) {
            s.has_filter = false;
            return first.error();
        }
    }
    s.request = request;
    s.pending = true;
    return {};
}

void quiescence_cancel() { state().pending = false; }
bool quiescence_pending() { return state().pending; }

QuiescenceStats quiescence_stats() { return state().stats; }
const lu_quiescent_point* quiescence_current_point() { return state().current; }

}  // namespace libupdate

extern "C" {

void __lu_quiescent_enter(const lu_quiescent_point* point) {
    using namespace libupdate;
    QuiescenceState& s = state();
    s.current = point;
    ++s.stats.points_entered;
    if (!s.pending) return;
    Result<bool> holds = filter_holds();
    if (!holds.ok()) {
        platform_log(holds.error().text);  // the state changed shape under the filter: give up the request
        s.pending = false;
        return;
    }
    if (!holds.value()) {
        ++s.stats.filter_rejections;
        return;
    }
    ++s.stats.parks;
    s.pending = false;
    s.request.park(point, s.request.user);
}

void __lu_quiescent_leave(const lu_quiescent_point*) { libupdate::state().current = nullptr; }

}  // extern "C"
