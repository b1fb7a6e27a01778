// Issue #16 item 6, level of detail: zoomed out, cards are blocks in their type's colour
// without text, only the arrows that matter (critical, selected, focused) are drawn, and
// frame titles keep a readable screen size. Checked on the pixels of the real view.
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphstyle.h"
#include "views/graph/graphview.h"
#include "views/taskselection.h"
#include "canvasfixture.h"
#include "testsupport.h"

#include <QImage>
#include <QPainterPathStroker>
#include <QtTest>

using namespace Workplan;

class TestLod : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cardsAreBlocksWithoutText();
    void ordinaryArrowsThinOut();
    void criticalAndSelectedArrowsStay();
    void focusedChainStays();
    void frameTitleStaysReadable();
    void longArrowSeenCloseFollowsItsCurve();

private:
    // The viewport as the user sees it, at `zoom`, centred on the plan.
    QImage shoot(qreal zoom);
    QRect onScreen(const QRectF &sceneRect) const
    {
        return m_canvas.view->mapFromScene(sceneRect).boundingRect();
    }
    // Whether `edge` changes any pixel around its middle at `zoom`.
    bool edgeDrawn(EdgeItem *edge, qreal zoom);
    // An arrow whose middle lies on no card, critical or not.
    EdgeItem *edgeWhere(bool critical) const;

    WorkplanTest::CanvasFixture m_canvas;
};

void TestLod::init()
{
    QVERIFY(m_canvas.open(WorkplanTest::loadExample("feature-development")));
    m_canvas.analysis->refreshNow();
    m_canvas.scene->flush();
}

void TestLod::cleanup()
{
    m_canvas.close();
}

QImage TestLod::shoot(qreal zoom)
{
    m_canvas.view->setZoom(zoom);
    m_canvas.view->centerOn(m_canvas.scene->planRect().center());
    QImage image = m_canvas.view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    if (const QByteArray dir = qgetenv("WP_LOD_SHOTS"); !dir.isEmpty())
        image.save(QString::fromLocal8Bit(dir) + QStringLiteral("/lod-%1.png").arg(qRound(zoom * 100)));
    return image;
}

EdgeItem *TestLod::edgeWhere(bool critical) const
{
    for (QGraphicsItem *item : m_canvas.scene->items()) {
        auto *e = qgraphicsitem_cast<EdgeItem *>(item);
        if (!e || !e->dependency() || e->isBundle())
            continue;
        if (m_canvas.scene->isCriticalEdge(e->ownerId(), e->dependency()->taskId) != critical)
            continue;
        const QPointF mid = (e->sourcePoint() + e->targetPoint()) / 2;   // a symmetric curve
        bool onCard = false;
        for (QGraphicsItem *under : m_canvas.scene->items(QRectF(mid - QPointF(12, 12), QSizeF(24, 24))))
            onCard = onCard || qgraphicsitem_cast<CardItem *>(under);
        if (!onCard && e->targetPoint().x() > e->sourcePoint().x() + 20)
            return e;
    }
    return nullptr;
}

bool TestLod::edgeDrawn(EdgeItem *edge, qreal zoom)
{
    const QPointF mid = (edge->sourcePoint() + edge->targetPoint()) / 2;
    const QImage with = shoot(zoom);
    const QRect around = onScreen(QRectF(mid, QSizeF(0, 0))).adjusted(-2, -2, 2, 2);
    edge->setVisible(false);
    const QImage without = shoot(zoom);
    edge->setVisible(true);
    return with.copy(around) != without.copy(around);
}

void TestLod::cardsAreBlocksWithoutText()
{
    CardItem *card = m_canvas.scene->cardFor(QStringLiteral("feature_user_presence"));
    QVERIFY(card);
    const QColor type = GraphStyle::typeColor(card->task()->type);
    const auto look = [&](qreal zoom, int *typed, int *dark) {
        const QImage image = shoot(zoom);
        const QRect r = onScreen(card->nodeSceneRect()).intersected(image.rect());
        *typed = *dark = 0;
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c == type)
                    ++*typed;
                if (qMax(c.red(), qMax(c.green(), c.blue())) < 0x50)   // the title's ink
                    ++*dark;
            }
        }
    };
    int typed = 0, dark = 0;
    look(1.0, &typed, &dark);
    QVERIFY2(dark > 20, "at 100 % the title is written");
    look(0.1, &typed, &dark);
    QCOMPARE(dark, 0);
    QVERIFY2(typed > 20, "at 10 % the card is a block in its type's colour");
}

void TestLod::ordinaryArrowsThinOut()
{
    m_canvas.scene->setShowCritical(false);
    EdgeItem *edge = edgeWhere(false);
    QVERIFY(edge);
    QVERIFY(!edge->isSelected());
    QVERIFY(edgeDrawn(edge, 1.0));
    QVERIFY(!edgeDrawn(edge, 0.1));
    QVERIFY(!edgeDrawn(edge, 0.25));
    // Hit-testing is the same: the arrow is still there to pick.
    const QPointF mid = (edge->sourcePoint() + edge->targetPoint()) / 2;
    QVERIFY(m_canvas.scene->items(mid).contains(edge));
}

void TestLod::criticalAndSelectedArrowsStay()
{
    m_canvas.scene->setShowCritical(true);
    EdgeItem *critical = edgeWhere(true);
    QVERIFY(critical);
    QVERIFY(edgeDrawn(critical, 0.1));
    m_canvas.scene->setShowCritical(false);
    QVERIFY(!edgeDrawn(critical, 0.1));

    // An arrow of a selected card is followed too.
    auto *card = qgraphicsitem_cast<CardItem *>(critical->target());
    QVERIFY(card);
    card->setSelected(true);
    QVERIFY(edgeDrawn(critical, 0.1));
}

void TestLod::focusedChainStays()
{
    m_canvas.scene->setShowCritical(false);
    EdgeItem *edge = edgeWhere(false);
    QVERIFY(edge);
    QVERIFY(!edgeDrawn(edge, 0.1));
    m_canvas.scene->setFocusSet({edge->ownerId(), edge->source()->taskId()});
    QVERIFY(edgeDrawn(edge, 0.1));
    m_canvas.scene->setFocusSet({});
    QVERIFY(!edgeDrawn(edge, 0.1));
}

void TestLod::frameTitleStaysReadable()
{
    FrameItem *frame = m_canvas.scene->frameFor(QStringLiteral("epic_real_time_chat"));
    QVERIFY(frame);
    const QColor ink = GraphStyle::typeColor(frame->task()->type).darker(160);
    const auto inkRows = [&](qreal zoom) {
        const QImage image = shoot(zoom);
        const QRect r = onScreen(frame->nodeSceneRect()).intersected(image.rect());
        int top = -1, bottom = -1;
        for (int y = r.top(); y <= qMin(r.bottom(), r.top() + 30); ++y) {
            for (int x = r.left(); x <= qMin(r.right(), r.left() + 200); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (qAbs(c.red() - ink.red()) + qAbs(c.green() - ink.green()) + qAbs(c.blue() - ink.blue()) < 40) {
                    top = top < 0 ? y : top;
                    bottom = y;
                    break;
                }
            }
        }
        return top < 0 ? 0 : bottom - top + 1;
    };
    QVERIFY2(inkRows(0.1) >= 8, "the epic's title is written at a readable size at 10 %");
    QVERIFY(inkRows(0.25) >= 8);
}

QTEST_MAIN(TestLod)
// Close up, a long arrow is drawn from the part of its curve in view only (flattened there,
// EdgeItem::visiblePart()): what it paints lies on its curve, and it does paint.
void TestLod::longArrowSeenCloseFollowsItsCurve()
{
    EdgeItem *edge = edgeWhere(false);
    QVERIFY(edge);
    CardItem *target = qgraphicsitem_cast<CardItem *>(edge->target());
    QVERIFY(target);
    target->setPos(target->pos() + QPointF(2500, 3000));   // long, and bent
    const QPainterPath line = edge->path();
    QVERIFY(line.length() > 3000);
    const QPointF on = line.pointAtPercent(0.45);
    m_canvas.view->setZoom(1.0);
    m_canvas.view->centerOn(on);
    QVERIFY(!m_canvas.view->mapToScene(m_canvas.view->viewport()->rect()).boundingRect().contains(line.controlPointRect()));
    auto grab = [&] { return m_canvas.view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32); };
    const QImage with = grab();
    edge->setVisible(false);
    const QImage without = grab();
    edge->setVisible(true);
    QPainterPathStroker near;
    near.setWidth(8);
    const QPainterPath band = near.createStroke(line);
    int drawn = 0, astray = 0;
    for (int y = 0; y < with.height(); ++y) {
        for (int x = 0; x < with.width(); ++x) {
            if (with.pixel(x, y) == without.pixel(x, y))
                continue;
            ++drawn;
            astray += band.contains(m_canvas.view->mapToScene(QPoint(x, y))) ? 0 : 1;
        }
    }
    QVERIFY2(drawn > 100, qPrintable(QString::number(drawn)));
    QCOMPARE(astray, 0);
}

#include "tst_lod.moc"
