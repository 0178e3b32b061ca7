// Private to the db module: what the pool and Transaction need from a backend connection
// beyond the public Connection interface.
#pragma once

#include "coopole/db/db.h"

namespace coopole::db::internal {

class ConnectionBase : public Connection {
 public:
  // Starts a transaction with the statement TxMode documents for this dialect.
  virtual void Begin(TxMode mode) = 0;
  // Commits; throws db::Error (and leaves the transaction to be rolled back) when the
  // database refuses, including when an earlier statement already aborted it.
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // True while a transaction is open on the connection: such a connection must not go
  // back to the pool, the next borrower would run inside it.
  virtual bool InTransaction() = 0;

  // Set by a backend when a statement failed for a reason other than a constraint: the
  // pool then pings the connection before lending it again.
  bool faulted() const { return faulted_; }
  void ClearFault() { faulted_ = false; }

 protected:
  void MarkFaulted() { faulted_ = true; }

 private:
  bool faulted_ = false;
};

// The backend behind a Connection made by Pool::Open; nullptr for foreign implementations.
inline ConnectionBase* AsBackend(Connection* conn) { return dynamic_cast<ConnectionBase*>(conn); }

// Upper bound of prepared statements kept per connection; past it the cache is emptied
// (guards against stores that build SQL dynamically, e.g. IN lists of varying length).
inline constexpr std::size_t kMaxCachedStatements = 512;

}  // namespace coopole::db::internal
