// Internal: a little binary writer and a bounds-checked reader for the
// session's run image (Session::save_run / save_progress), which goes from the
// page to its Web Worker and back many times a second.
//
// Written by hand because what is at hand does not fit: nlohmann-json's CBOR
// or MessagePack would turn each of 700,000 floats into a JSON node, and the
// image only ever travels between two copies of this same engine build
// (native ↔ native, wasm ↔ wasm; both little-endian), never to disk, so a
// versioned tag and raw trivially copyable values are enough. The reader
// still treats its input as untrusted: every length is checked against what
// is left, and a short or corrupt image is an error, never a crash.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pg::bytes {

class Writer {
public:
    template <class T>
    void put(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void put(bool v) { put(uint8_t(v ? 1 : 0)); }
    // A count, then the elements (read back with Reader::get_vector).
    template <class T>
    void put_span(std::span<const T> v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put(uint64_t(v.size()));
        if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    template <class T>
    void put_vector(const std::vector<T>& v) {
        put_span(std::span<const T>(v));
    }
    void put_string(std::string_view s) {
        put(uint64_t(s.size()));
        out_.append(s.data(), s.size());
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    template <class T>
    bool get(T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (in_.size() - pos_ < sizeof v) return fail();
        std::memcpy(&v, in_.data() + pos_, sizeof v);
        pos_ += sizeof v;
        return true;
    }
    // A bool is one byte, 0 or 1: any other byte would be undefined behaviour
    // in a bool, so it is an error.
    bool get(bool& v) {
        uint8_t b = 0;
        if (!get(b) || b > 1) return fail();
        v = b == 1;
        return true;
    }
    // At most `max` elements (of a type without bools: see get(bool&)).
    template <class T>
    bool get_vector(std::vector<T>& v, uint64_t max) {
        uint64_t n = 0;
        if (!get(n) || n > max || n > (in_.size() - pos_) / sizeof(T)) return fail();
        v.resize(size_t(n));
        if (n) std::memcpy(static_cast<void*>(v.data()), in_.data() + pos_, size_t(n) * sizeof(T));
        pos_ += size_t(n) * sizeof(T);
        return true;
    }
    bool get_string(std::string& s, uint64_t max) {
        uint64_t n = 0;
        if (!get(n) || n > max || n > in_.size() - pos_) return fail();
        s.assign(in_.data() + pos_, size_t(n));
        pos_ += size_t(n);
        return true;
    }
    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == in_.size(); }

private:
    bool fail() {
        ok_ = false;
        pos_ = in_.size();
        return false;
    }
    std::string_view in_;
    size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace pg::bytes
