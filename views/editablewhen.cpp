#include "editablewhen.h"

#include "model/projectdocument.h"

#include <QAction>

namespace Workplan {

void enableWhileEditable(ProjectDocument *document, const QList<QAction *> &actions)
{
    for (QAction *action : actions) {
        if (!action)
            continue;
        action->setEnabled(!document->isReadOnly());
        // The action is the context: a menu built for one right-click takes its
        // connections with it.
        QObject::connect(document, &ProjectDocument::readOnlyChanged, action,
                         [action](bool readOnly) { action->setEnabled(!readOnly); });
    }
}

} // namespace Workplan
