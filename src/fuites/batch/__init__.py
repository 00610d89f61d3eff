"""`fuites batch`: an archive of articles extracted on a Dask cluster into Parquet tables."""

from fuites.batch.run import BatchSummary, run_batch
from fuites.batch.shards import Shard, plan

__all__ = ["BatchSummary", "Shard", "plan", "run_batch"]
