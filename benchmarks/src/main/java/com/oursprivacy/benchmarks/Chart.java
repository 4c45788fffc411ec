package com.oursprivacy.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Draws the ratio rows as horizontal bars with plain Java2D: green when the target is met, red when
 * missed, grey when informational; a black tick marks each target, a dashed line parity.
 */
final class Chart {
  private static final int LABEL_W = 330;
  private static final int BAR_W = 520;
  private static final int ROW_H = 26;
  private static final int TOP = 44;

  private Chart() {}

  static void write(List<Report.Row> all, Path file) throws IOException {
    List<Report.Row> rows = all.stream().filter(r -> r.ratio).collect(Collectors.toList());
    double max = Math.max(2.0, rows.stream().mapToDouble(r -> r.value).max().orElse(1) * 1.1);
    int h = TOP + rows.size() * ROW_H + 40;
    BufferedImage img = new BufferedImage(LABEL_W + BAR_W + 80, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(
        "Ours Privacy SDK: ratios (green = target met, red = missed, grey = info; | = target)",
        10,
        24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < rows.size(); i++) {
      Report.Row r = rows.get(i);
      int y = TOP + i * ROW_H;
      g.setColor(Color.BLACK);
      g.drawString(r.name, 10, y + 16);
      g.setColor(
          !r.hasTarget()
              ? new Color(150, 150, 150)
              : r.met() ? new Color(60, 160, 80) : new Color(210, 70, 60));
      int w = (int) (BAR_W * Math.min(r.value, max) / max);
      g.fillRect(LABEL_W, y + 4, Math.max(w, 1), ROW_H - 8);
      g.setColor(Color.BLACK);
      g.drawString(Report.fmt(r.value), LABEL_W + w + 6, y + 16);
      if (r.hasTarget()) {
        int x = LABEL_W + (int) (BAR_W * r.target / max);
        g.setStroke(new BasicStroke(3));
        g.drawLine(x, y + 1, x, y + ROW_H - 1);
        g.setStroke(new BasicStroke(1));
      }
    }
    int parity = LABEL_W + (int) (BAR_W / max);
    g.setColor(Color.DARK_GRAY);
    g.setStroke(
        new BasicStroke(
            1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0));
    g.drawLine(parity, TOP - 4, parity, TOP + rows.size() * ROW_H);
    g.drawString("1.0", parity - 8, TOP + rows.size() * ROW_H + 16);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
