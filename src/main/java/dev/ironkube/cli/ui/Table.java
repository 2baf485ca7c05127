package dev.ironkube.cli.ui;

import java.util.ArrayList;
import java.util.List;

/** A plain column table for stdout: aligned, no borders, easy to read and to cut. */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(c == null ? "" : c.toString());
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = DisplayWidth.of(headers.get(i));
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() && i < widths.length; i++) {
        widths[i] = Math.max(widths[i], DisplayWidth.of(row.get(i)));
      }
    }
    StringBuilder b = new StringBuilder();
    appendRow(b, headers, widths);
    for (List<String> row : rows) {
      appendRow(b, row, widths);
    }
    return b.toString();
  }

  private static void appendRow(StringBuilder b, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = i < cells.size() ? cells.get(i) : "";
      line.append(cell);
      if (i < widths.length - 1) {
        line.append(" ".repeat(widths[i] - DisplayWidth.of(cell) + 2));
      }
    }
    b.append(line.toString().stripTrailing()).append('\n');
  }
}
