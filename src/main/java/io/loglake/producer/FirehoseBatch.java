package io.loglake.producer;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * The records a {@link FirehoseSink} holds for its next {@code PutRecordBatch}: at most {@value
 * FirehoseSink#MAX_BATCH_RECORDS} records and {@value FirehoseSink#MAX_BATCH_BYTES} bytes, each
 * kept with its newline-terminated bytes, and when the first of them arrived. Not thread-safe.
 */
final class FirehoseBatch {
  /** Records and their bytes, index for index; what a call sends or still has to send. */
  record Entries(List<LogRecord> records, List<SdkBytes> data) {
    int size() {
      return records.size();
    }

    /** The entries whose answer (index for index) has no error code. */
    List<SdkBytes> accepted(List<PutRecordBatchResponseEntry> answers) {
      List<SdkBytes> accepted = new ArrayList<>();
      for (int i = 0; i < answers.size(); i++) {
        if (answers.get(i).errorCode() == null) {
          accepted.add(data.get(i));
        }
      }
      return accepted;
    }

    /** The entries whose answer (index for index) has an error code: to be sent again. */
    Entries rejected(List<PutRecordBatchResponseEntry> answers) {
      List<LogRecord> failedRecords = new ArrayList<>();
      List<SdkBytes> failedData = new ArrayList<>();
      for (int i = 0; i < answers.size(); i++) {
        if (answers.get(i).errorCode() != null) {
          failedRecords.add(records.get(i));
          failedData.add(data.get(i));
        }
      }
      return new Entries(failedRecords, failedData);
    }

    PutRecordBatchRequest request(String stream) {
      List<Record> batch = new ArrayList<>(data.size());
      for (SdkBytes bytes : data) {
        batch.add(Record.builder().data(bytes).build());
      }
      return PutRecordBatchRequest.builder().deliveryStreamName(stream).records(batch).build();
    }
  }

  private final List<LogRecord> records = new ArrayList<>(FirehoseSink.MAX_BATCH_RECORDS);
  private final List<SdkBytes> data = new ArrayList<>(FirehoseSink.MAX_BATCH_RECORDS);
  private long bytes;
  private long firstNanos;

  boolean isEmpty() {
    return records.isEmpty();
  }

  /** Whether a record of {@code length} bytes still fits in this batch. */
  boolean fits(int length) {
    return records.size() < FirehoseSink.MAX_BATCH_RECORDS
        && bytes + length <= FirehoseSink.MAX_BATCH_BYTES;
  }

  /** Whether the batch holds records and its first has waited {@code lingerNanos} (0: never). */
  boolean lingered(long nowNanos, long lingerNanos) {
    return lingerNanos > 0 && !records.isEmpty() && nowNanos - firstNanos >= lingerNanos;
  }

  /**
   * @param line the record's text with its newline, in UTF-8
   */
  void add(LogRecord record, byte[] line, long nowNanos) {
    if (records.isEmpty()) {
      firstNanos = nowNanos;
    }
    records.add(record);
    data.add(SdkBytes.fromByteArrayUnsafe(line));
    bytes += line.length;
  }

  /** What the batch held; it is empty afterwards. */
  Entries drain() {
    Entries entries = new Entries(new ArrayList<>(records), new ArrayList<>(data));
    records.clear();
    data.clear();
    bytes = 0;
    return entries;
  }
}
