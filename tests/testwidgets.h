#pragma once

// Test helpers that need Widgets.

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>

namespace WorkplanTest {

// Answers the next message box with `button` and remembers its text.
class MessageBoxAnswer : public QObject
{
public:
    explicit MessageBoxAnswer(QMessageBox::StandardButton button)
        : m_button(button)
    {
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this, timer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            text = box->text();
            seen = true;
            timer->stop();
            if (QAbstractButton *b = box->button(m_button))
                b->click();
            else
                box->reject();
        });
        timer->start(20);
    }
    QString text;
    bool seen = false;

private:
    QMessageBox::StandardButton m_button;
};

} // namespace WorkplanTest
