package dev.yoi.cli.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A plain-text table that fits a terminal width: columns are as wide as their content, and when
 * that is too wide the wrappable columns share what is left, their cells wrapped at spaces. A line
 * of a cell that had to wrap goes on two columns deeper, so what it holds can never pass for
 * another line of the cell.
 */
public final class TextTable {
  /** The terminal width every {@code yoi} text output is laid out for. */
  public static final int WIDTH = 100;
  private static final int GAP = 2;
  private static final int MIN_WRAPPED = 12;
  private static final String CELL_HANG = "  ";
  /**
   * Where a long word may break, best first: after a path separator, else after other
   * punctuation, so no name is split in the middle when it can be helped.
   */
  private static final List<String> SEPARATORS = List.of("/\\!", ":;,=&?#._-$");

  private TextTable() {}

  /**
   * @param wrappable the columns that may wrap, in groups: the first group is narrowed as far as
   *     it goes before the next one is touched; the other columns keep their natural width
   */
  public static String render(
      List<String> headers, List<List<String>> rows, int width, List<Set<Integer>> wrappable) {
    int columns = headers.size();
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        for (String part : row.get(c).split("\n", -1)) {
          widths[c] = Math.max(widths[c], part.length());
        }
      }
    }
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    fit(widths, width, all, wrappable);

    StringBuilder out = new StringBuilder();
    appendRow(out, headers, widths);
    for (List<String> row : rows) {
      appendRow(out, row, widths);
    }
    return out.toString();
  }

  /**
   * Narrows one column of the first group that can give, one character at a time, until the table
   * fits: each time the one whose narrowing adds the fewest wrapped lines (ties: the widest).
   */
  private static void fit(int[] widths, int width, List<List<String>> cells, List<Set<Integer>> wrappable) {
    int total = (widths.length - 1) * GAP;
    for (int w : widths) {
      total += w;
    }
    for (Set<Integer> group : wrappable) {
      while (total > width) {
        int best = -1;
        int bestCost = Integer.MAX_VALUE;
        for (int c : group) {
          if (widths[c] <= MIN_WRAPPED) {
            continue;
          }
          int cost = height(cells, c, widths[c] - 1) - height(cells, c, widths[c]);
          if (cost < bestCost || (cost == bestCost && widths[c] > widths[best])) {
            best = c;
            bestCost = cost;
          }
        }
        if (best < 0) {
          break; // this group is as narrow as it goes
        }
        widths[best]--;
        total--;
      }
    }
  }

  /** The lines column {@code c} takes in all rows at {@code width}. */
  private static int height(List<List<String>> cells, int c, int width) {
    int lines = 0;
    for (List<String> row : cells) {
      lines += cellLines(row.get(c), width).size();
    }
    return lines;
  }

  /** A cell's lines at {@code width}: each of its own lines, wrapped with a hanging indent. */
  private static List<String> cellLines(String cell, int width) {
    List<String> lines = new ArrayList<>();
    for (String line : cell.split("\n", -1)) {
      List<String> wrapped = wrap(line, width);
      String first = wrapped.get(0);
      lines.add(first);
      if (wrapped.size() > 1) {
        String rest = line.startsWith(first) ? line.substring(first.length())
            : String.join(" ", wrapped.subList(1, wrapped.size()));
        rest = rest.startsWith(" ") ? rest.substring(1) : rest;
        wrap(rest, width - CELL_HANG.length()).forEach(l -> lines.add(CELL_HANG + l));
      }
    }
    return lines;
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
    List<List<String>> wrapped = new ArrayList<>();
    int height = 1;
    for (int c = 0; c < cells.size(); c++) {
      List<String> lines = cellLines(cells.get(c), widths[c]);
      wrapped.add(lines);
      height = Math.max(height, lines.size());
    }
    for (int i = 0; i < height; i++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cells.size(); c++) {
        String text = i < wrapped.get(c).size() ? wrapped.get(c).get(i) : "";
        line.append(text);
        if (c < cells.size() - 1) {
          line.append(" ".repeat(widths[c] - text.length() + GAP));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /**
   * {@code text} wrapped to {@link #WIDTH} with a hanging indent: the first line after
   * {@code first}, every other line after {@code rest}; each line ends with a newline.
   */
  public static String hanging(String first, String rest, String text) {
    StringBuilder out = new StringBuilder();
    List<String> lines = wrap(text, WIDTH - rest.length());
    for (int i = 0; i < lines.size(); i++) {
      out.append(i == 0 ? first : rest).append(lines.get(i)).append('\n');
    }
    return out.toString();
  }

  /**
   * Wraps at spaces; explicit newlines start new lines; a word longer than the width (a path, a
   * URL) is broken after its last separator that fits, and cut only if it has none.
   */
  public static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        while (word.length() > width) {
          if (line.length() > 0) {
            lines.add(line.toString());
            line.setLength(0);
          }
          int cut = breakPoint(word, width);
          lines.add(word.substring(0, cut));
          word = word.substring(cut);
        }
        if (line.length() > 0 && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The length of the first piece of {@code word}: up to its last separator within {@code width}. */
  private static int breakPoint(String word, int width) {
    for (String separators : SEPARATORS) {
      // A break in the first third would leave a short line; try the next kind instead.
      for (int i = width; i > width / 3; i--) {
        if (separators.indexOf(word.charAt(i - 1)) >= 0) {
          return i;
        }
      }
    }
    return width;
  }
}
