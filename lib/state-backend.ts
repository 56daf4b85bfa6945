/** Where Flink keeps keyed state. */
export enum StateBackend {
  /** RocksDB on local disk, incremental checkpoints; the StateFun default and the only choice for large state. */
  ROCKSDB = 'rocksdb',
  /** JVM heap; faster for small state, bounded by TaskManager memory. */
  HASHMAP = 'hashmap',
}
