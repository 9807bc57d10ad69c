// Metadata for C++: namespaces, classes, inheritance (base subobjects), the
// vtable pointer, references, static members, vtable and function symbols.
// RUN: %dump_runtime %t.rt.o
// RUN: %clangxx -std=c++20 -O1 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s
extern "C" void lu_test_dump(void);

namespace net {
class Shape {
public:
    virtual ~Shape() {}
    virtual int area() const { return 0; }
    int id = 0;
};
class Square : public Shape {
public:
    int area() const override { return side * side; }
    int side = 2;
    static int created;
};
int Square::created = 0;

struct Holder {
    Shape& shape;
    const Square* best;
    int (*scorer)(const Shape&);
};

int score(const Shape& s) { return s.area(); }
Square square;
Holder holder{square, &square, score};
namespace {
int hidden_count = 1;
}
}  // namespace net

int main() {
    ++net::Square::created;
    net::hidden_count += net::holder.scorer(net::holder.shape);
    lu_test_dump();
    return net::hidden_count == 5 ? 0 : 1;
}
// CHECK: module '{{.*}}types-cxx.cpp'
// CHECK-DAG: type 'net::Square' kind=struct size=16 flags=has-pointers|class
// CHECK-DAG:   field 'net::Shape' offset=0 type='net::Shape' flags=base
// CHECK-DAG:   field 'side' offset=12 type='int' flags=none
// CHECK-DAG: type 'net::Shape' kind=struct size=16 flags=has-pointers|class
// CHECK-DAG:   field '_vptr$Shape' offset=0 type='__vtbl_ptr_type*' flags=artificial
// CHECK-DAG:   field 'id' offset=8 type='int' flags=none
// CHECK-DAG: type '__vtbl_ptr_type*' kind=vtable-pointer size=8
// CHECK-DAG: type 'net::Holder' kind=struct size=24 flags=has-pointers
// CHECK-DAG:   field 'shape' offset=0 type='net::Shape&' flags=none
// CHECK-DAG:   field 'best' offset=8 type='const net::Square*' flags=none
// CHECK-DAG:   field 'scorer' offset=16 type='int(const net::Shape&)*' flags=none
// CHECK-DAG: type 'net::Shape&' kind=pointer size=8 flags=reference|has-pointers target='net::Shape'
// CHECK-DAG: type 'const net::Square*' kind=pointer size=8 flags=const|has-pointers target='net::Square'
// CHECK-DAG: global 'net::square' symbol=_ZN3net6squareE size=16 type='net::Square'
// CHECK-DAG: global 'net::holder' symbol=_ZN3net6holderE size=24 type='net::Holder'
// CHECK-DAG: global 'net::Square::created' symbol=_ZN3net6Square7createdE size=4 type='int'
// CHECK-DAG: global 'net::(anonymous namespace)::hidden_count' {{.*}} flags=internal
// CHECK-DAG: symbol _ZTVN3net6SquareE kind=vtable
// CHECK-DAG: symbol _ZN3net5scoreERKNS_5ShapeE kind=function
// CHECK-DAG: symbol _ZNK3net6Square4areaEv kind=function
